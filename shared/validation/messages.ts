import { VALIDATION_TEXT, type Language } from '../locales/validation';
import type { Finding } from './types';

/** The finding's message in `language`, placeholders filled (same `{{name}}` syntax as i18next). */
export function formatFinding(finding: Finding, language: Language = 'en'): string {
  const template =
    VALIDATION_TEXT[language][finding.ruleId] ?? VALIDATION_TEXT.en[finding.ruleId] ?? finding.ruleId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
    name in finding.params ? String(finding.params[name]) : placeholder,
  );
}
