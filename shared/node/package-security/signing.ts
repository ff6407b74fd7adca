import { createHash, createPrivateKey, webcrypto, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CatalogOptions, encodeCatalogContent, OID } from '../../package-security/catalog';
import { errorMessage } from '../../text/error-message';
import { SigningError } from './signing-error';

/**
 * Signing the `.cat` (never the .ppkg: docs/format/icd-package-properties.md §4.1/§4.3). WCD runs `signtool sign /sha1
 * <thumbprint>`; we build the same PKCS#7 SignedData with PKI.js (pkijs, PeculiarVentures): it reads PFX
 * files (PBES2 / AES, what current OpenSSL and Windows' AES export write), builds SignerInfo and RFC 3161
 * requests, and signs through WebCrypto, so RSA and ECDSA keys both work without hand-written crypto.
 * Digest: SHA-256 (WCD's signtool call gives none and gets SHA-1; SHA-256 is what Windows expects today).
 */

pkijs.setEngine(
  'node',
  new pkijs.CryptoEngine({
    name: 'node',
    crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'],
  }),
);

// Kept in a module of its own, so callers can test for it without loading pkijs up front.
export { SigningError };

/** A certificate + private key able to sign catalogs. The PFX password is not kept. */
export interface CatalogSigner {
  privateKey: KeyObject;
  /** Leaf certificate (DER). */
  certificate: Uint8Array;
  /** Other certificates from the PFX (intermediates / root), DER; embedded for chain building. */
  chain: Uint8Array[];
}

const OIDS = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  spcSpOpusInfo: '1.3.6.1.4.1.311.2.1.12',
  spcStatementType: '1.3.6.1.4.1.311.2.1.11',
  spcIndividualCodeSigning: '1.3.6.1.4.1.311.2.1.21',
  /** SPC_RFC3161_OBJID: where signtool /tr puts the timestamp token (an unsigned attribute). */
  spcRfc3161: '1.3.6.1.4.1.311.3.3.1',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  keyUsage: '2.5.29.15',
} as const;

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => Uint8Array.from(bytes).buffer;

/**
 * WCD's certificate filter (§4.3): valid now, DigitalSignature key usage (when the extension is present),
 * private key present (the caller has it). Throws SigningError naming what is wrong.
 */
export function checkSigningCertificate(der: Uint8Array, now: Date = new Date()): void {
  const x509 = new X509Certificate(der);
  if (now < new Date(x509.validFrom) || now > new Date(x509.validTo))
    throw new SigningError(
      `the signing certificate is not valid now (valid ${x509.validFrom} – ${x509.validTo})`,
    );
  const certificate = pkijs.Certificate.fromBER(toArrayBuffer(der));
  const keyUsage = certificate.extensions?.find((extension) => extension.extnID === OIDS.keyUsage);
  if (keyUsage) {
    const bits = (keyUsage.parsedValue as asn1js.BitString | undefined)?.valueBlock.valueHexView;
    if (!bits || ((bits[0] ?? 0) & 0x80) === 0)
      throw new SigningError('the signing certificate has no "digital signature" key usage');
  }
}

/** Opens a PFX / PKCS#12 file: the private key, the certificate that matches it and the other certificates. */
export async function loadPfx(bytes: Uint8Array, password: string): Promise<CatalogSigner> {
  const passwordBytes = toArrayBuffer(new TextEncoder().encode(password));
  const privateKeys: KeyObject[] = [];
  const certificates: Uint8Array[] = [];
  try {
    const pfx = pkijs.PFX.fromBER(toArrayBuffer(bytes));
    await pfx.parseInternalValues({ password: passwordBytes, checkIntegrity: true });
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) throw new SigningError('the PFX holds no authenticated safe');
    await safe.parseInternalValues({
      safeContents: safe.safeContents.map(() => ({ password: passwordBytes })),
    });
    const contents = (safe.parsedValue as { safeContents: { value: pkijs.SafeContents }[] }).safeContents;
    for (const { value } of contents) {
      for (const bag of value.safeBags) {
        if (bag.bagId === OIDS.shroudedKeyBag) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          // parseInternalValues is declared protected in pkijs' types but is the documented way to decrypt.
          await (
            shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }
          ).parseInternalValues({ password: passwordBytes });
          if (shrouded.parsedValue) privateKeys.push(keyFromPrivateKeyInfo(shrouded.parsedValue));
        } else if (bag.bagId === OIDS.keyBag) {
          privateKeys.push(keyFromPrivateKeyInfo(bag.bagValue as pkijs.PrivateKeyInfo));
        } else if (bag.bagId === OIDS.certBag) {
          const certBag = bag.bagValue as pkijs.CertBag;
          if (certBag.parsedValue instanceof pkijs.Certificate)
            certificates.push(new Uint8Array(certBag.parsedValue.toSchema().toBER(false)));
        }
      }
    }
  } catch (error) {
    if (error instanceof SigningError) throw error;
    const detail = errorMessage(error);
    throw new SigningError(
      /integrity|mac|password/i.test(detail)
        ? 'the PFX password is wrong (integrity check failed)'
        : `the PFX cannot be read (${detail}); export it again with AES-256 encryption`,
    );
  }
  const privateKey = privateKeys[0];
  if (!privateKey) throw new SigningError('the PFX holds no private key');
  const leaf = certificates.find((der) => new X509Certificate(der).checkPrivateKey(privateKey));
  if (!leaf) throw new SigningError('the PFX holds no certificate for its private key');
  return { privateKey, certificate: leaf, chain: certificates.filter((der) => der !== leaf) };
}

function keyFromPrivateKeyInfo(info: pkijs.PrivateKeyInfo): KeyObject {
  return createPrivateKey({ key: Buffer.from(info.toSchema().toBER(false)), format: 'der', type: 'pkcs8' });
}

async function webCryptoKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const pkcs8 = key.export({ format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType === 'rsa')
    return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
      'sign',
    ]);
  if (key.asymmetricKeyType === 'ec') {
    const curves: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
    const namedCurve = curves[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (namedCurve)
      return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve }, false, ['sign']);
  }
  throw new SigningError(
    `a ${key.asymmetricKeyType ?? 'unknown'} key cannot sign catalogs (use RSA or ECDSA P-256/384/521)`,
  );
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/**
 * The catalog signed: SignedData v1 over the CTL with the signer's certificates, authenticated attributes
 * as signtool writes them (content type szOID_CTL, SpcSpOpusInfo, statement type, message digest) and an
 * optional RFC 3161 timestamp of the signature.
 */
export async function signCatalog(
  catalog: CatalogOptions,
  signer: CatalogSigner,
  options: { timestampUrl?: string; fetch?: typeof fetch } = {},
): Promise<Uint8Array> {
  checkSigningCertificate(signer.certificate);
  // Re-read the DER so asn1js knows the content octets: PKCS#7 digests them without tag and length.
  const content = asn1js.fromBER(encodeCatalogContent(catalog).toBER(false)).result;
  const digest = createHash('sha256')
    .update(Buffer.from((content as asn1js.Sequence).valueBlock.valueBeforeDecodeView))
    .digest();
  const leaf = pkijs.Certificate.fromBER(toArrayBuffer(signer.certificate));
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.ctl,
      eContent: content as unknown as asn1js.OctetString,
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attribute(OIDS.contentType, new asn1js.ObjectIdentifier({ value: OID.ctl })),
            attribute(OIDS.spcSpOpusInfo, new asn1js.Sequence()),
            attribute(
              OIDS.spcStatementType,
              new asn1js.Sequence({
                value: [new asn1js.ObjectIdentifier({ value: OIDS.spcIndividualCodeSigning })],
              }),
            ),
            attribute(
              OIDS.messageDigest,
              new asn1js.OctetString({ valueHex: Uint8Array.from(digest).buffer }),
            ),
          ],
        }),
      }),
    ],
    certificates: [leaf, ...signer.chain.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)))],
  });
  await signedData.sign(await webCryptoKey(signer.privateKey), 0, 'SHA-256');
  if (options.timestampUrl) {
    const signerInfo = signedData.signerInfos[0]!;
    const token = await requestTimestamp(
      options.timestampUrl,
      new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
      options.fetch ?? fetch,
    );
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [attribute(OIDS.spcRfc3161, token)],
    });
  }
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** RFC 3161: asks the TSA for a token over SHA-256(signature) and returns the token's ContentInfo. */
export async function requestTimestamp(
  url: string,
  signature: Uint8Array,
  fetchImpl: typeof fetch,
): Promise<asn1js.AsnType> {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    throw new SigningError(`the timestamp URL "${url}" is not a valid URL`);
  }
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:')
    throw new SigningError('the timestamp URL must be http:// or https://');
  const nonce = webcrypto.getRandomValues(new Uint8Array(8));
  nonce[0] = (nonce[0] ?? 0) & 0x7f;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({
        valueHex: Uint8Array.from(createHash('sha256').update(signature).digest()).buffer,
      }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce.buffer }),
    certReq: true,
  });
  let response: Response;
  try {
    response = await fetchImpl(parsedUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: new Uint8Array(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new SigningError(`the timestamp server did not answer (${errorMessage(error)})`);
  }
  if (!response.ok) throw new SigningError(`the timestamp server answered HTTP ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  let reply: pkijs.TimeStampResp;
  try {
    reply = pkijs.TimeStampResp.fromBER(toArrayBuffer(body));
  } catch {
    throw new SigningError('the timestamp server sent something that is not an RFC 3161 response');
  }
  if (reply.status.status > 1 || !reply.timeStampToken)
    throw new SigningError(`the timestamp server refused the request (status ${reply.status.status})`);
  return reply.timeStampToken.toSchema();
}
