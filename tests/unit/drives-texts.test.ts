import { describe, expect, it } from 'vitest';
import { DRIVE_ERROR_CODES } from '../../shared/drives/errors';
import { DRIVE_UNAVAILABLE_REASONS } from '../../shared/drives/types';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// Read as data: importing the JSON across tsc projects would pull it into the tests program.
interface UsbTexts {
  errors: Record<string, string>;
  drives: { unavailable: Record<string, string> };
}
const readTexts = (language: string): UsbTexts =>
  JSON.parse(
    readFileSync(resolve(__dirname, `../../shared/locales/${language}/usb.json`), 'utf8'),
  ) as UsbTexts;
const enUsb = readTexts('en');
const esUsb = readTexts('es');

/** Every key path of a nested text object, e.g. `errors.aborted`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe('usb.json texts', () => {
  it('has the same keys in English and Spanish, none empty', () => {
    expect(keyPaths(esUsb).sort()).toEqual(keyPaths(enUsb).sort());
    for (const texts of [enUsb, esUsb]) {
      for (const path of keyPaths(texts)) {
        const text = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], texts);
        expect(typeof text === 'string' && text.trim() !== '', path).toBe(true);
      }
    }
  });

  it('has a message for every drive error code and every unavailable reason', () => {
    for (const code of DRIVE_ERROR_CODES) expect(enUsb.errors, code).toHaveProperty([code]);
    for (const reason of DRIVE_UNAVAILABLE_REASONS)
      expect(enUsb.drives.unavailable, reason).toHaveProperty([reason]);
  });

  it('keeps the placeholders of each English text in its Spanish text', () => {
    const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const path of keyPaths(enUsb)) {
      const read = (texts: unknown) =>
        path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], texts) as string;
      expect(placeholders(read(esUsb)), path).toEqual(placeholders(read(enUsb)));
    }
  });
});
