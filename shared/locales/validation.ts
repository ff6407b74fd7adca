import enValidation from './en/validation.json' with { type: 'json' };
import esValidation from './es/validation.json' with { type: 'json' };

/**
 * Validation messages, in a module of their own: every CLI build formats findings, and needs none of the
 * settings' labels and help (index.ts) for it.
 */
export type Language = 'en' | 'es';

const spanishValidation: typeof enValidation = esValidation;

/** Validation message per rule id. Spanish is typed against English, so a missing key fails the type check. */
export const VALIDATION_TEXT: Record<Language, Record<string, string>> = {
  en: enValidation,
  es: spanishValidation,
};
