import type { Severity } from './types';

/**
 * Every validation rule, by stable id. Ids never change meaning: UI, CLI (--json) and tests key on them,
 * and each has an English and a Spanish message in shared/locales/<lang>/validation.json.
 */
export const VALIDATION_RULES = {
  'package.id-invalid': 'error',
  'package.id-unbraced': 'warning',
  'package.name-empty': 'error',
  'package.version-format': 'error',
  'package.rank-range': 'error',
  'project.id-mismatch': 'error',
  'project.desktop-edition-missing': 'error',
  'device-name.empty': 'error',
  'device-name.too-long': 'error',
  'device-name.netbios-truncated': 'warning',
  'device-name.invalid-character': 'error',
  'device-name.macro-syntax': 'error',
  'device-name.all-digits': 'error',
  'upn.invalid': 'error',
  'upn.missing-vendor-prefix': 'warning',
  'url.invalid': 'error',
  'url.not-https': 'error',
  'url.discovery-not-svc': 'warning',
  'wifi.ssid-empty': 'error',
  'wifi.ssid-too-long': 'error',
  'wifi.key-length': 'error',
  'wifi.key-unused': 'warning',
  'wifi.proxy-on-desktop': 'warning',
  'setting.required': 'error',
  'setting.boolean': 'error',
  'setting.enum': 'error',
  'setting.integer': 'error',
  'setting.integer-range': 'error',
  'setting.empty-key': 'error',
  'collection.duplicate-key': 'error',
  'collection.duplicate-name': 'warning',
  'asset.empty': 'error',
  'asset.extension': 'error',
  'asset.not-absolute': 'warning',
  'oobe.hidden-without-account': 'warning',
  'secret.masked': 'error',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof VALIDATION_RULES;
