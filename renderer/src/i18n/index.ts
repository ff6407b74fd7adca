import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { supportedLanguages, type Language } from '../../../shared/ipc/contract';
import en from '../locales/en.json';
import es from '../locales/es.json';

/** Typed against English so a missing Spanish key fails the type check. */
const spanish: typeof en = es;

export const resources = { en: { translation: en }, es: { translation: spanish } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

const STORAGE_KEY = 'ppkg-studio.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** The saved choice first, then the OS/browser languages in order of preference, then English. */
export function detectInitialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

export async function initI18n(): Promise<typeof i18next> {
  const language = detectInitialLanguage();
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...supportedLanguages],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return i18next;
}

/** Switches the UI language, remembers it, and lets main localize its menu and dialogs. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  localStorage.setItem(STORAGE_KEY, language);
  applyDocumentLanguage(language);
  try {
    await window.ppkg.app.setLanguage({ language });
  } catch (error) {
    // The UI has switched; only the native menu stays in the old language.
    console.error('The main process could not switch the menu language', error);
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}
