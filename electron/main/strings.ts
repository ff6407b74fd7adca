import type { Language } from '../../shared/ipc/contract';
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };

/** Strings the main process shows itself (menu, dialog titles). The renderer has its own resources. */
export type MainStrings = typeof en;

// Typed against the English file so a missing Spanish key fails the type check.
const spanish: MainStrings = es;
const stringsByLanguage: Record<Language, MainStrings> = { en, es: spanish };

export function mainStrings(language: Language): MainStrings {
  return stringsByLanguage[language];
}

/** Picks the supported UI language for an OS locale such as `es-MX`; English otherwise. */
export function languageForLocale(locale: string): Language {
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}
