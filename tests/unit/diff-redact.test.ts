import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../shared/diff/package-diff';
import { redactSecrets, secretToken } from '../../shared/diff/redact';

/** Secrets in provxml text are replaced however the package quotes or escapes them (hostile packages too). */

const digest = (value: string) => (value === 'p&ss<word>"1' ? 'aaaaaaaa11' : 'bbbbbbbb22');

describe('redactSecrets', () => {
  it('replaces a secret value attribute in double or single quotes, decoding its entities', () => {
    const secret = 'p&ss<word>"1';
    const text = [
      '<parm name="Password" value="p&amp;ss&lt;word&gt;&quot;1" datatype="string" />',
      "<parm name='Password' value='p&#38;ss&#x3C;word>\"1' />",
    ].join('\n');
    const out = redactSecrets(text, new Set([secret]), digest);
    expect(out).not.toMatch(/p&(amp;|#38;)ss|word&gt;|word>/);
    expect(out.split(secretToken(secret, digest))).toHaveLength(3);
  });

  it('replaces a secret inside an escaped WLAN profile and anywhere else in the text', () => {
    const secret = 'Wifi-Key-5561';
    const text = `<parm name="WlanXml" value="&lt;keyMaterial&gt;${secret}&lt;/keyMaterial&gt;" /><!-- ${secret} -->`;
    const out = redactSecrets(text, new Set([secret]), digest);
    expect(out).not.toContain(secret);
    expect(out).toContain('********(bbbbbbbb)');
  });

  it('leaves short secrets to exact attribute matches (they would blank unrelated text)', () => {
    const out = redactSecrets(
      '<parm name="Pin" value="12" /><parm name="Port" value="8123" />',
      new Set(['12']),
      digest,
    );
    expect(out).toBe('<parm name="Pin" value="********(bbbbbbbb)" /><parm name="Port" value="8123" />');
  });
});

describe('lineDiff', () => {
  it('treats CRLF and LF alike and counts added and removed lines', () => {
    const result = lineDiff('x.provxml', 'a\r\nb\r\nc\r\n', 'a\nB\nc\nd\n');
    expect(result).toMatchObject({ change: 'changed', added: 2, removed: 1 });
    expect(result!.hunks[0]!.lines).toEqual([' a', '-b', '+B', ' c', '+d']);
  });

  it('an added file is all added lines; equal texts are no difference', () => {
    expect(lineDiff('x', undefined, 'one\ntwo\n')).toMatchObject({ change: 'added', added: 2, removed: 0 });
    expect(lineDiff('x', 'same', 'same')).toBeNull();
  });
});
