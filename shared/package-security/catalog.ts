import * as asn1js from 'asn1js';

/**
 * The `.cat` WCD writes beside every package (docs/format/icd-package-properties.md §4.2): what `makecat` makes of a
 * CDF with `CatalogVersion=2`, `HashAlgorithms=SHA256` and one `<HASH>` member per file. It is a PKCS#7
 * SignedData whose content is a Certificate Trust List (szOID_CTL). Without a signature the SignedData has
 * no digest algorithms and no signer infos; signing (sign-catalog.ts) adds them.
 *
 * Library: asn1js (the ASN.1 BER/DER layer of PKI.js, maintained by PeculiarVentures, TypeScript types,
 * no native parts) for the encoding; pkijs on the Node side for the signature. The structure itself is
 * copied from the fixture `osd-invoke-driverpack-devicecontext.cat` (openssl asn1parse), element by element.
 */

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  /** szOID_CTL: the SignedData content of a catalog. */
  ctl: '1.3.6.1.4.1.311.10.1',
  /** szOID_CATALOG_LIST: the CTL's subject usage. */
  catalogList: '1.3.6.1.4.1.311.12.1.1',
  /** szOID_CATALOG_LIST_MEMBER_V2: makecat CatalogVersion=2. */
  catalogListMemberV2: '1.3.6.1.4.1.311.12.1.3',
  /** CAT_MEMBERINFO2_OBJID. */
  memberInfo2: '1.3.6.1.4.1.311.12.2.3',
  /** SPC_INDIRECT_DATA_OBJID. */
  spcIndirectData: '1.3.6.1.4.1.311.2.1.4',
  /** SPC_CAB_DATA_OBJID: a flat-file hash. */
  spcCabData: '1.3.6.1.4.1.311.2.1.25',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/** One catalogued file: makecat lists it twice, tagged by its SHA-256 and by its SHA-1. */
export interface CatalogMember {
  sha256: Uint8Array;
  sha1: Uint8Array;
}

export interface CatalogOptions {
  members: readonly CatalogMember[];
  /** makecat's 16 random bytes; the caller supplies them (shared/ has no random source). */
  listIdentifier: Uint8Array;
  thisUpdate: Date;
}

const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: Uint8Array.from(bytes).buffer });
const sequence = (value: asn1js.AsnType[]) => new asn1js.Sequence({ value });
const set = (value: asn1js.AsnType[]) => new asn1js.Set({ value });

/** `SEQUENCE { memberInfo2, SET { [2] } }`: the empty CAT_MEMBERINFO2 every member carries in the fixture. */
function memberInfo2Attribute(): asn1js.Sequence {
  return sequence([
    oid(OID.memberInfo2),
    set([new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } })]),
  ]);
}

/** SpcIndirectDataContent { SpcAttributeTypeAndOptionalValue { cab data, [2] { [0] } }, DigestInfo }. */
function indirectDataAttribute(sha256: Uint8Array): asn1js.Sequence {
  const link = new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 2 },
    value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } })],
  });
  return sequence([
    oid(OID.spcIndirectData),
    set([
      sequence([
        sequence([oid(OID.spcCabData), link]),
        sequence([sequence([oid(OID.sha256), new asn1js.Null()]), octets(sha256)]),
      ]),
    ]),
  ]);
}

/** The CTL (the SignedData's content), DER. */
export function encodeCatalogContent(options: CatalogOptions): asn1js.Sequence {
  if (options.listIdentifier.length !== 16) throw new Error('the list identifier must be 16 bytes');
  const subjects: asn1js.Sequence[] = [];
  for (const member of options.members) {
    if (member.sha256.length !== 32 || member.sha1.length !== 20) throw new Error('bad member hash length');
    subjects.push(
      sequence([octets(member.sha256), set([memberInfo2Attribute(), indirectDataAttribute(member.sha256)])]),
      sequence([octets(member.sha1), set([memberInfo2Attribute()])]),
    );
  }
  return sequence([
    sequence([oid(OID.catalogList)]),
    octets(options.listIdentifier),
    new asn1js.UTCTime({ valueDate: new Date(Math.floor(options.thisUpdate.getTime() / 1000) * 1000) }),
    sequence([oid(OID.catalogListMemberV2), new asn1js.Null()]),
    sequence(subjects),
  ]);
}

/** The unsigned catalog as WCD writes it: SignedData v1, no digest algorithms, no signers. */
export function encodeUnsignedCatalog(options: CatalogOptions): Uint8Array {
  const content = sequence([
    oid(OID.signedData),
    new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 0 },
      value: [
        sequence([
          new asn1js.Integer({ value: 1 }),
          set([]),
          sequence([
            oid(OID.ctl),
            new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 0 },
              value: [encodeCatalogContent(options)],
            }),
          ]),
          set([]),
        ]),
      ],
    }),
  ]);
  return new Uint8Array(content.toBER(false));
}

export class CatalogFormatError extends Error {
  override readonly name = 'CatalogFormatError';
}

export interface ParsedCatalog {
  /** Member tags (the file hashes), lower-case hex, in file order. */
  memberTags: string[];
  /** SHA-256 values of the SPC indirect data (what Windows compares), lower-case hex. */
  indirectSha256: string[];
  thisUpdate: Date | null;
  signerCount: number;
  certificateCount: number;
}

const hex = (view: Uint8Array): string =>
  Array.from(view, (byte) => byte.toString(16).padStart(2, '0')).join('');

function child(block: asn1js.AsnType | undefined, index: number, what: string): asn1js.AsnType {
  const value = (block as asn1js.Constructed | undefined)?.valueBlock?.value?.[index];
  if (!value) throw new CatalogFormatError(`not a catalog: ${what} is missing`);
  return value;
}

const children = (block: asn1js.AsnType): asn1js.AsnType[] =>
  (block as asn1js.Constructed).valueBlock.value ?? [];

/** Reads a `.cat` (signed or not): its member tags and how many signers it has. */
export function parseCatalog(bytes: Uint8Array): ParsedCatalog {
  const decoded = asn1js.fromBER(Uint8Array.from(bytes).buffer);
  if (decoded.offset === -1) throw new CatalogFormatError(`not a catalog: ${decoded.result.error}`);
  const root = decoded.result;
  const type = child(root, 0, 'ContentInfo type');
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== OID.signedData)
    throw new CatalogFormatError('not a catalog: the content is not PKCS#7 SignedData');
  const signedData = child(child(root, 1, 'SignedData'), 0, 'SignedData');
  const parts = children(signedData);
  const encap = parts[2];
  const encapType = child(encap, 0, 'content type');
  if (!(encapType instanceof asn1js.ObjectIdentifier) || encapType.valueBlock.toString() !== OID.ctl)
    throw new CatalogFormatError('not a catalog: the signed content is not a certificate trust list');
  const ctl = child(child(encap, 1, 'CTL'), 0, 'CTL');
  const ctlParts = children(ctl);
  const time = ctlParts.find(
    (part) => part instanceof asn1js.UTCTime || part instanceof asn1js.GeneralizedTime,
  );
  const subjects = ctlParts.find(
    (part, index) =>
      index > 2 && part instanceof asn1js.Sequence && children(part)[0] instanceof asn1js.Sequence,
  );
  const memberTags: string[] = [];
  const indirectSha256: string[] = [];
  for (const subject of subjects ? children(subjects) : []) {
    const tag = children(subject)[0];
    if (!(tag instanceof asn1js.OctetString)) throw new CatalogFormatError('not a catalog: bad member tag');
    memberTags.push(hex(tag.valueBlock.valueHexView));
    for (const attribute of children(children(subject)[1] ?? new asn1js.Set())) {
      const [attributeType, values] = children(attribute);
      if (!(attributeType instanceof asn1js.ObjectIdentifier)) continue;
      if (attributeType.valueBlock.toString() !== OID.spcIndirectData || !values) continue;
      const digest = children(
        children(children(values)[0] ?? new asn1js.Sequence())[1] ?? new asn1js.Sequence(),
      )[1];
      if (digest instanceof asn1js.OctetString) indirectSha256.push(hex(digest.valueBlock.valueHexView));
    }
  }
  // SignedData: version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos.
  const signerInfos = parts[parts.length - 1];
  const certificates = parts.find(
    (part, index) => index > 2 && part.idBlock.tagClass === 3 && part.idBlock.tagNumber === 0,
  );
  return {
    memberTags,
    indirectSha256,
    thisUpdate: time ? (time as asn1js.UTCTime).toDate() : null,
    signerCount: signerInfos instanceof asn1js.Set ? children(signerInfos).length : 0,
    certificateCount: certificates ? children(certificates).length : 0,
  };
}
