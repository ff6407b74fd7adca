/**
 * Every malformed-input failure in the WIM/XPRESS codec is a WimFormatError naming the structure that was
 * being read and the absolute byte offset (in the file, or in the chunk for XPRESS) where it went wrong.
 */
export type WimStructure =
  | 'header'
  | 'resource header'
  | 'chunk table'
  | 'blob table'
  | 'security data'
  | 'dentry'
  | 'stream entry'
  | 'xml data'
  | 'xpress'
  | 'huffman table'
  | 'blob'
  | 'metadata resource'
  | 'resource';

export class WimFormatError extends Error {
  override readonly name = 'WimFormatError';
  constructor(
    readonly structure: WimStructure,
    readonly offset: number,
    detail: string,
  ) {
    super(`${structure} at byte offset ${offset}: ${detail}`);
  }
}
