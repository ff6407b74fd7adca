import { encodeUtf8 } from './bytes';

/**
 * The three index files `Multivariant/Multivariant.xml` (Index 0), `CommonSettings/CommonSettings.xml`
 * (Index 1) and the frame of `DataAsset/DataAsset.xml` (Index 2) share one form (docs/format/ppkg-format.md §3.2,
 * OBSERVED in every sample): UTF-8 *without* BOM, upper-case `encoding="UTF-8"`, CRLF, no trailing newline.
 */
export function writeElementsIndex(type: string, index: number, body: readonly string[] = []): Uint8Array {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Elements Type="${type}">`,
    `  <Element Index="${index}">`,
    ...body,
    '  </Element>',
    '</Elements>',
  ];
  return encodeUtf8(lines.join('\r\n'));
}

/** The variant index: WCD only ever writes the unconditional variant 0. */
export function writeMultivariantIndex(): Uint8Array {
  return writeElementsIndex('Multivariant', 0);
}
