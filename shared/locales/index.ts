import enSettings from './en/settings.json' with { type: 'json' };
import esSettings from './es/settings.json' with { type: 'json' };
import enUsb from './en/usb.json' with { type: 'json' };
import esUsb from './es/usb.json' with { type: 'json' };
import type { Language } from './validation';

/**
 * Core text resources (i18next-compatible JSON, `{{name}}` placeholders). Spanish is typed against
 * English so a missing key fails the type check.
 */
export type { Language } from './validation';

/** Label and help text per catalog path. */
export type SettingTexts = Record<string, { label: string; help: string }>;

const spanishSettings: typeof enSettings = esSettings;

export const SETTINGS_TEXT: Record<Language, SettingTexts> = { en: enSettings, es: spanishSettings };

export { VALIDATION_TEXT } from './validation';

/** Label and help of a catalog path in `language`, falling back to English; undefined for unknown paths. */
export function getSettingText(
  path: string,
  language: Language = 'en',
): { label: string; help: string } | undefined {
  return SETTINGS_TEXT[language][path] ?? SETTINGS_TEXT.en[path];
}

/** Nested text tree with `{{name}}` placeholders (no JSON types in declarations: other projects import this). */
export interface TextTree {
  [key: string]: string | TextTree;
}

const spanishUsb: typeof enUsb = esUsb;

/** The USB dialog's texts (issue #7), shared by the renderer and the CLI. */
export const USB_TEXT: Record<Language, TextTree> = { en: enUsb, es: spanishUsb };
