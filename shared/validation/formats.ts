import { encodeUtf8 } from '../xml/utf8';
import type { RuleId } from './rules';

/** A rule that fired, before it is tied to a setting path. */
export interface RuleHit {
  ruleId: RuleId;
  params?: Record<string, string | number>;
}

/** Names with a macro are limited to 15 characters (accounts-csp.md); constant names to 63 (docs/format/wcd-settings.md §2.1). */
export const MACRO_NAME_LIMIT = 15;
export const CONSTANT_NAME_LIMIT = 63;
/** NetBIOS keeps the first 15 bytes of a longer name. */
export const NETBIOS_LIMIT = 15;

const MACRO = /%(?:SERIAL|RAND:([1-9][0-9]*))%/g;
// Characters wcd-accounts.md rules out (space and punctuation); `%` is handled as macro syntax instead.
const FORBIDDEN_NAME_CHARACTER = /[\s{|}~[\\\]^':;<=>?@!"#$`()+/.,*&]|\p{Extended_Pictographic}/u;

/** Device name checks for Accounts/ComputerAccount/ComputerName and DevDetail/DNSComputerName. */
export function checkDeviceName(value: string): RuleHit[] {
  if (value.trim() === '') return [{ ruleId: 'device-name.empty' }];
  const hits: RuleHit[] = [];
  let randomDigits = 0;
  let hasSerial = false;
  let hasMacro = false;
  const literal = value.replace(MACRO, (macro: string, digits: string | undefined) => {
    hasMacro = true;
    if (digits === undefined) hasSerial = true;
    else randomDigits += Number.parseInt(digits, 10);
    return '';
  });
  const stray = /%[^%]*%?/.exec(literal);
  if (stray) hits.push({ ruleId: 'device-name.macro-syntax', params: { macro: stray[0] } });
  // A malformed macro is reported once, as macro syntax, not again for its `:`.
  const bad = FORBIDDEN_NAME_CHARACTER.exec(literal.replace(/%[^%]*%?/g, ''));
  if (bad) hits.push({ ruleId: 'device-name.invalid-character', params: { character: bad[0] } });

  // Multibyte characters count as their UTF-8 length, as the 15-byte NetBIOS rule does.
  const literalBytes = encodeUtf8(literal).length;
  const length = literalBytes + randomDigits;
  if (hasMacro) {
    // With %SERIAL% the serial is cut from its start to fit; with no room left at all nothing of it remains.
    if (hasSerial ? length >= MACRO_NAME_LIMIT : length > MACRO_NAME_LIMIT) {
      hits.push({ ruleId: 'device-name.too-long', params: { length, limit: MACRO_NAME_LIMIT } });
    }
  } else if (length > CONSTANT_NAME_LIMIT) {
    hits.push({ ruleId: 'device-name.too-long', params: { length, limit: CONSTANT_NAME_LIMIT } });
  } else if (length > NETBIOS_LIMIT) {
    hits.push({ ruleId: 'device-name.netbios-truncated', params: { length, limit: NETBIOS_LIMIT } });
  }
  if (!hasMacro && /^[0-9]+$/.test(literal)) hits.push({ ruleId: 'device-name.all-digits' });
  return hits;
}

/** `local@domain.tld`, no spaces, exactly one `@`. */
export function checkUpn(value: string): RuleHit[] {
  return /^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/.test(value) ? [] : [{ ruleId: 'upn.invalid' }];
}

/** Absolute http(s) URL with a host; `https` required; `discovery` adds the `.svc` check (issues #4841/#4951). */
export function checkServiceUrl(value: string, discovery: boolean): RuleHit[] {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^\s/?#]+)([^\s?#]*)(\?[^\s#]*)?(#\S*)?$/i.exec(value.trim());
  if (!match || !/^https?$/i.test(match[1] ?? '')) return [{ ruleId: 'url.invalid' }];
  const hits: RuleHit[] = [];
  if (match[1]?.toLowerCase() !== 'https') hits.push({ ruleId: 'url.not-https' });
  if (discovery && !/\.svc$/i.test(match[3] ?? '')) hits.push({ ruleId: 'url.discovery-not-svc' });
  return hits;
}

/** 802.11 limits the SSID to 32 bytes. */
export function checkSsid(ssid: string): RuleHit[] {
  if (ssid === '') return [{ ruleId: 'wifi.ssid-empty' }];
  const bytes = encodeUtf8(ssid).length;
  return bytes > 32 ? [{ ruleId: 'wifi.ssid-too-long', params: { length: bytes, limit: 32 } }] : [];
}

const HEX = /^[0-9a-fA-F]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * Key length rules per security type: WPA2-Personal takes an 8–63 character passphrase or 64 hex
 * digits; WEP takes 5 or 13 characters, or 10 or 26 hex digits. Params carry the length, never the key.
 */
export function checkWifiKey(securityType: string, key: string): RuleHit[] {
  const length = key.length;
  const hit: RuleHit = { ruleId: 'wifi.key-length', params: { securityType, length } };
  if (securityType === 'WPA2-Personal') {
    if (length === 64) return HEX.test(key) ? [] : [hit];
    return length >= 8 && length <= 63 && PRINTABLE_ASCII.test(key) ? [] : [hit];
  }
  if (securityType === 'WEP') {
    if (length === 5 || length === 13) return PRINTABLE_ASCII.test(key) ? [] : [hit];
    return (length === 10 || length === 26) && HEX.test(key) ? [] : [hit];
  }
  if (securityType === 'Open' && key !== '') return [{ ruleId: 'wifi.key-unused' }];
  return [];
}
