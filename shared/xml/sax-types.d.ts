/**
 * The part of sax (isaacs/sax-js) that xml-tree.ts uses. Declared here rather than with @types/sax, which
 * pulls Node's types into the platform-neutral core.
 */
declare module 'sax' {
  export interface SaxTag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  export interface SaxParser {
    line: number;
    column: number;
    onerror: (error: Error) => void;
    onopentag: (tag: SaxTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    write(chunk: string): SaxParser;
    close(): SaxParser;
  }
  export function parser(strict: boolean, options?: { position?: boolean }): SaxParser;
  const sax: { parser: typeof parser };
  export default sax;
}
