import enSettings from './en/settings.json';
import esSettings from './es/settings.json';

/** Label and help text per catalog path; Spanish is typed against English so a missing key fails tsc. */
export type SettingTexts = Record<string, { label: string; help: string }>;

const spanish: typeof enSettings = esSettings;

export const SETTINGS_TEXT: Record<'en' | 'es', SettingTexts> = { en: enSettings, es: spanish };
