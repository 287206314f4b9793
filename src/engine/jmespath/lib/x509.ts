/**
 * x509_decode: a PEM certificate or CSR decoded to the JSON shape Kyverno produces by encoding Go's
 * x509.Certificate / x509.CertificateRequest (RSA keys only, as in Kyverno).
 */
import forge from 'node-forge';
import { encodeBase64 } from './base64.js';
import { formatRFC3339Nano, timeFromMillis } from './go-time.js';

type JsonLike = string | number | boolean | null | JsonLike[] | { [key: string]: JsonLike };
type Obj = { [key: string]: JsonLike };

const SIGNATURE_ALGORITHMS: Readonly<Record<string, number>> = {
  '1.2.840.113549.1.1.2': 1,
  '1.2.840.113549.1.1.4': 2,
  '1.2.840.113549.1.1.5': 3,
  '1.2.840.113549.1.1.11': 4,
  '1.2.840.113549.1.1.12': 5,
  '1.2.840.113549.1.1.13': 6,
  '1.2.840.10040.4.3': 7,
  '2.16.840.1.101.3.4.3.2': 8,
  '1.2.840.10045.4.1': 9,
  '1.2.840.10045.4.3.2': 10,
  '1.2.840.10045.4.3.3': 11,
  '1.2.840.10045.4.3.4': 12,
  '1.2.840.113549.1.1.10': 13,
  '1.3.101.112': 16,
};

const EXT_KEY_USAGES: Readonly<Record<string, number>> = {
  '2.5.29.37.0': 0,
  '1.3.6.1.5.5.7.3.1': 1,
  '1.3.6.1.5.5.7.3.2': 2,
  '1.3.6.1.5.5.7.3.3': 3,
  '1.3.6.1.5.5.7.3.4': 4,
  '1.3.6.1.5.5.7.3.5': 5,
  '1.3.6.1.5.5.7.3.6': 6,
  '1.3.6.1.5.5.7.3.7': 7,
  '1.3.6.1.5.5.7.3.8': 8,
  '1.3.6.1.5.5.7.3.9': 9,
};

const KEY_USAGE_BITS: ReadonlyArray<string> = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
];

const NAME_FIELDS: ReadonlyArray<[string, string]> = [
  ['2.5.4.6', 'Country'],
  ['2.5.4.10', 'Organization'],
  ['2.5.4.11', 'OrganizationalUnit'],
  ['2.5.4.7', 'Locality'],
  ['2.5.4.8', 'Province'],
  ['2.5.4.9', 'StreetAddress'],
  ['2.5.4.17', 'PostalCode'],
];

const b64 = (binary: string): string => encodeBase64(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
const der = (node: forge.asn1.Asn1): string => forge.asn1.toDer(node).getBytes();
const oidInts = (oid: string): number[] => oid.split('.').map(Number);
const orNull = <T extends JsonLike>(list: T[]): T[] | null => (list.length > 0 ? list : null);

function children(node: forge.asn1.Asn1): forge.asn1.Asn1[] {
  return Array.isArray(node.value) ? node.value : [];
}

interface ForgeAttribute {
  type: string;
  value: unknown;
}

function pkixName(attributes: ForgeAttribute[]): Obj {
  const name: Obj = { SerialNumber: '', CommonName: '' };
  for (const [, field] of NAME_FIELDS) name[field] = null;
  const names: JsonLike[] = [];
  for (const attr of attributes) {
    const value = String(attr.value);
    names.push({ Type: oidInts(attr.type), Value: value });
    const field = NAME_FIELDS.find(([oid]) => oid === attr.type)?.[1];
    if (field) {
      const list = name[field];
      name[field] = Array.isArray(list) ? [...list, value] : [value];
    } else if (attr.type === '2.5.4.3') name.CommonName = value;
    else if (attr.type === '2.5.4.5') name.SerialNumber = value;
  }
  name.Names = orNull(names);
  name.ExtraNames = null;
  return name;
}

interface ForgeExtension {
  id: string;
  critical?: boolean;
  value: string;
  [key: string]: unknown;
}

interface SanLists {
  DNSNames: string[];
  EmailAddresses: string[];
  IPAddresses: string[];
  URIs: string[];
}

function altNames(ext: ForgeExtension | undefined): SanLists {
  const out: SanLists = { DNSNames: [], EmailAddresses: [], IPAddresses: [], URIs: [] };
  const list = ext?.altNames;
  if (!Array.isArray(list)) return out;
  for (const entry of list as Array<{ type: number; value: string; ip?: string }>) {
    if (entry.type === 2) out.DNSNames.push(entry.value);
    else if (entry.type === 1) out.EmailAddresses.push(entry.value);
    else if (entry.type === 7) out.IPAddresses.push(entry.ip ?? entry.value);
    else if (entry.type === 6) out.URIs.push(entry.value);
  }
  return out;
}

function publicKey(key: forge.pki.PublicKey): Obj {
  const rsa = key as forge.pki.rsa.PublicKey;
  return { N: rsa.n.toString(10), E: rsa.e.intValue() };
}

function extensionList(exts: ForgeExtension[]): JsonLike[] | null {
  return orNull(exts.map((e) => ({ Id: oidInts(e.id), Critical: e.critical === true, Value: b64(e.value) })));
}

function octets(value: string): string | null {
  try {
    const node = forge.asn1.fromDer(value);
    return typeof node.value === 'string' ? b64(node.value) : null;
  } catch {
    return null;
  }
}

function authorityKeyId(value: string): string | null {
  try {
    const seq = forge.asn1.fromDer(value);
    const keyId = children(seq).find((c) => c.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && c.type === 0);
    return keyId && typeof keyId.value === 'string' ? b64(keyId.value) : null;
  } catch {
    return null;
  }
}

function certificate(pemBody: string): Obj {
  const asn = forge.asn1.fromDer(pemBody);
  const cert = forge.pki.certificateFromAsn1(asn);
  const [tbs, , signature] = children(asn);
  const tbsFields = children(tbs);
  const o = tbsFields[0]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const exts = cert.extensions as ForgeExtension[];
  const find = (id: string): ForgeExtension | undefined => exts.find((e) => e.id === id);
  const keyUsage = find('2.5.29.15');
  const basic = find('2.5.29.19');
  const extKeyUsage = find('2.5.29.37');
  const eku: number[] = [];
  const unknownEku: number[][] = [];
  if (extKeyUsage) {
    for (const node of children(forge.asn1.fromDer(extKeyUsage.value))) {
      const oid = forge.asn1.derToOid(node.value as string);
      const known = EXT_KEY_USAGES[oid];
      if (known === undefined) unknownEku.push(oidInts(oid));
      else eku.push(known);
    }
  }
  const maxPathLen = basic ? (typeof basic.pathLenConstraint === 'number' ? basic.pathLenConstraint : -1) : 0;
  const san = altNames(find('2.5.29.17'));
  const ski = find('2.5.29.14');
  const aki = find('2.5.29.35');
  const sigBits = typeof signature?.value === 'string' ? signature.value.slice(1) : '';
  return {
    Raw: b64(pemBody),
    RawTBSCertificate: b64(der(tbs)),
    RawSubjectPublicKeyInfo: b64(der(tbsFields[5 + o])),
    RawSubject: b64(der(tbsFields[4 + o])),
    RawIssuer: b64(der(tbsFields[2 + o])),
    Signature: b64(sigBits),
    SignatureAlgorithm: SIGNATURE_ALGORITHMS[cert.siginfo.algorithmOid] ?? 0,
    PublicKeyAlgorithm: 1,
    PublicKey: publicKey(cert.publicKey),
    Version: cert.version + 1,
    SerialNumber: Number(BigInt(`0x${cert.serialNumber || '0'}`)),
    Issuer: pkixName(cert.issuer.attributes as ForgeAttribute[]),
    Subject: pkixName(cert.subject.attributes as ForgeAttribute[]),
    NotBefore: formatRFC3339Nano(timeFromMillis(cert.validity.notBefore.getTime())),
    NotAfter: formatRFC3339Nano(timeFromMillis(cert.validity.notAfter.getTime())),
    KeyUsage: keyUsage ? KEY_USAGE_BITS.reduce((acc, bit, i) => (keyUsage[bit] === true ? acc | (1 << i) : acc), 0) : 0,
    Extensions: extensionList(exts),
    ExtraExtensions: null,
    UnhandledCriticalExtensions: null,
    ExtKeyUsage: orNull(eku),
    UnknownExtKeyUsage: orNull(unknownEku),
    BasicConstraintsValid: basic !== undefined,
    IsCA: basic?.cA === true,
    MaxPathLen: maxPathLen,
    MaxPathLenZero: basic !== undefined && maxPathLen === 0,
    SubjectKeyId: ski ? octets(ski.value) : null,
    AuthorityKeyId: aki ? authorityKeyId(aki.value) : null,
    OCSPServer: null,
    IssuingCertificateURL: null,
    DNSNames: orNull(san.DNSNames),
    EmailAddresses: orNull(san.EmailAddresses),
    IPAddresses: orNull(san.IPAddresses),
    URIs: orNull(san.URIs),
    PermittedDNSDomainsCritical: false,
    PermittedDNSDomains: null,
    ExcludedDNSDomains: null,
    PermittedIPRanges: null,
    ExcludedIPRanges: null,
    PermittedEmailAddresses: null,
    ExcludedEmailAddresses: null,
    PermittedURIDomains: null,
    ExcludedURIDomains: null,
    CRLDistributionPoints: null,
    PolicyIdentifiers: null,
  };
}

function certificateRequest(pemBody: string): Obj {
  const asn = forge.asn1.fromDer(pemBody);
  const csr = forge.pki.certificationRequestFromAsn1(asn);
  const [info, , signature] = children(asn);
  const infoFields = children(info);
  const requested = csr.getAttribute({ name: 'extensionRequest' }) as { extensions?: ForgeExtension[] } | null;
  const exts = requested?.extensions ?? [];
  const san = altNames(exts.find((e) => e.id === '2.5.29.17'));
  const sigBits = typeof signature?.value === 'string' ? signature.value.slice(1) : '';
  return {
    Raw: b64(pemBody),
    RawTBSCertificateRequest: b64(der(info)),
    RawSubjectPublicKeyInfo: b64(der(infoFields[2])),
    RawSubject: b64(der(infoFields[1])),
    Version: typeof csr.version === 'number' ? csr.version : 0,
    Signature: b64(sigBits),
    SignatureAlgorithm: SIGNATURE_ALGORITHMS[csr.siginfo.algorithmOid ?? ''] ?? 0,
    PublicKeyAlgorithm: 1,
    PublicKey: publicKey(csr.publicKey as forge.pki.PublicKey),
    Subject: pkixName(csr.subject.attributes as ForgeAttribute[]),
    Attributes: null,
    Extensions: extensionList(exts),
    ExtraExtensions: null,
    DNSNames: orNull(san.DNSNames),
    EmailAddresses: orNull(san.EmailAddresses),
    IPAddresses: orNull(san.IPAddresses),
    URIs: orNull(san.URIs),
  };
}

/** Decodes the first PEM block; throws Error with a message for anything Kyverno would reject. */
export function decodeX509(pem: string): Obj {
  let blocks: forge.pem.ObjectPEM[];
  try {
    blocks = forge.pem.decode(pem);
  } catch {
    throw new Error('failed to decode PEM block');
  }
  const block = blocks[0];
  if (!block) throw new Error('failed to decode PEM block');
  try {
    if (block.type === 'CERTIFICATE') return certificate(block.body);
    if (block.type === 'CERTIFICATE REQUEST') return certificateRequest(block.body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(/RSA/i.test(message) ? 'certificate should use rsa algorithm' : message, { cause: err });
  }
  throw new Error('PEM block neither contains a CERTIFICATE or CERTIFICATE REQUEST');
}
