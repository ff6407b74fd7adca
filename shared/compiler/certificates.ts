import { fromBase64, toBase64, toHex } from './bytes';
import { CompileError } from './errors';
import { sha1 } from './sha1';

/**
 * Certificate content for the inline certificate settings (docs/format/compile-rules.md §2.7 Serialization 3 and
 * §3.2, DERIVED): ICD reads the file with .NET X509Certificate2 and uses `RawData`, so DER and PEM input
 * both give the DER bytes.
 */
export interface CertificateContent {
  der: Uint8Array;
  /** Upper-case hex SHA-1 of the DER, no separators: replaces `@CertificateHash@` in the CSP path. */
  thumbprint: string;
  /** Base64 of the DER, no line breaks: the `EncodedCertificate` value. */
  encoded: string;
}

const PEM_CERTIFICATE =
  /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/;

export function readCertificate(file: Uint8Array, settingPath: string): CertificateContent {
  let der: Uint8Array | undefined;
  if (file[0] === 0x30) {
    der = file;
  } else {
    const text = latin1(file.subarray(0, 1 << 20));
    const pem = PEM_CERTIFICATE.exec(text);
    const body = pem ? pem[1]! : /^[A-Za-z0-9+/=\s]+$/.test(text) ? text : undefined;
    der = body === undefined ? undefined : fromBase64(body);
  }
  if (!der || der[0] !== 0x30) {
    throw new CompileError(settingPath, 'the file is not an X.509 certificate (DER or PEM)');
  }
  der = der.subarray(0, derLength(der, settingPath));
  return { der, thumbprint: toHex(sha1(der)).toUpperCase(), encoded: toBase64(der) };
}

/** Total length of the outer DER SEQUENCE (tag + length + content); trailing bytes are not certificate. */
function derLength(der: Uint8Array, settingPath: string): number {
  const first = der[1];
  if (first === undefined) throw new CompileError(settingPath, 'the certificate is truncated at byte 1');
  let length: number;
  let header: number;
  if (first < 0x80) {
    length = first;
    header = 2;
  } else {
    const count = first & 0x7f;
    if (count === 0 || count > 4)
      throw new CompileError(settingPath, 'the certificate has an invalid DER length at byte 1');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[2 + i] ?? 0);
    header = 2 + count;
  }
  if (header + length > der.length) {
    throw new CompileError(
      settingPath,
      `the certificate is truncated: ${header + length} bytes declared, ${der.length} present`,
    );
  }
  return header + length;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
