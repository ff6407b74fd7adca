/**
 * Every malformed-hive failure of the regf reader is a RegfFormatError naming the structure being read and the
 * absolute byte offset in the file where it went wrong, so a bad settings store is reported precisely.
 */
export type RegfStructure =
  | 'base block'
  | 'hive bin'
  | 'cell'
  | 'key node'
  | 'value node'
  | 'value list'
  | 'subkey list'
  | 'big data'
  | 'value data'
  | 'limits';

export class RegfFormatError extends Error {
  override readonly name = 'RegfFormatError';
  constructor(
    readonly structure: RegfStructure,
    readonly offset: number,
    detail: string,
  ) {
    super(`${structure} at byte offset ${offset}: ${detail}`);
  }
}
