import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { USB_TEXT } from '../../../../shared/locales';

const USB_TEXTS: Record<string, unknown> = USB_TEXT;

/** A text from shared/locales/<lang>/usb.json (shared with the CLI), with `{{name}}` placeholders filled. */
export type UsbText = (key: string, params?: Record<string, string | number>) => string;

export function useUsbText(): UsbText {
  const { i18n } = useTranslation();
  return useCallback(
    (key, params = {}) => {
      const lookup = (texts: unknown) =>
        key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
      const found = lookup(USB_TEXTS[i18n.language]) ?? lookup(USB_TEXTS['en']);
      const text = typeof found === 'string' ? found : key;
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
    },
    [i18n.language],
  );
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
