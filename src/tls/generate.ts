/**
 * A CA and a serving certificate signed by it, built with node-forge. Keys come from node:crypto,
 * which is native and far faster than forge's pure-JS RSA.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { subjectAltNames, serviceDnsNames, CertificateOptionError } from './names.js';

export interface PemPair {
  key: string;
  cert: string;
}

export interface GeneratedCertificates {
  ca: PemPair;
  serving: PemPair;
}

export interface GenerateOptions {
  service: string;
  namespace: string;
  ips?: string[];
  hosts?: string[];
  /** Serving certificate validity from `now` (default 365). */
  validityDays?: number;
  /** CA validity from `now` (default: validityDays). */
  caValidityDays?: number;
  /** notBefore lies this far before `now`, to tolerate clock skew (default 5). */
  backdateMinutes?: number;
  /** RSA modulus size (default 2048). */
  keyBits?: number;
  now: Date;
}

/** Names and validity of one issuance, already checked. */
export interface IssueSpec {
  commonName: string;
  caCommonName: string;
  dns: string[];
  ips: string[];
  validityDays: number;
  caValidityDays: number;
  backdateMinutes: number;
  keyBits: number;
  now: Date;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const MIN_KEY_BITS = 512;

function positiveInteger(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new CertificateOptionError(`${what} must be a positive integer, got ${value}`);
  return value;
}

/** A positive 128-bit serial (high bit cleared so DER keeps it positive), as RFC 5280 asks for randomness. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function keyPair(bits: number): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { privateKey: forgeKey, publicKey, pem: privateKey };
}

function baseCertificate(publicKey: forge.pki.rsa.PublicKey, spec: IssueSpec, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  const now = spec.now.getTime();
  cert.validity.notBefore = new Date(now - spec.backdateMinutes * MINUTE_MS);
  cert.validity.notAfter = new Date(now + days * DAY_MS);
  return cert;
}

/** Issues the CA and the serving certificate described by an already validated spec. */
export function issueCertificates(spec: IssueSpec): GeneratedCertificates {
  const caKeys = keyPair(spec.keyBits);
  const caCert = baseCertificate(caKeys.publicKey, spec, spec.caValidityDays);
  const caSubject = [{ name: 'commonName', value: spec.caCommonName }];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(caKeys.privateKey, forge.md.sha256.create());

  const servingKeys = keyPair(spec.keyBits);
  const serving = baseCertificate(servingKeys.publicKey, spec, spec.validityDays);
  serving.setSubject([{ name: 'commonName', value: spec.commonName }]);
  serving.setIssuer(caSubject);
  serving.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...spec.dns.map((value) => ({ type: 2, value })), ...spec.ips.map((ip) => ({ type: 7, ip }))] },
    { name: 'subjectKeyIdentifier' },
    // forge's `keyIdentifier: true` would use the certificate's own key; the issuer's is wanted.
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  serving.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    ca: { key: caKeys.pem, cert: forge.pki.certificateToPem(caCert) },
    serving: { key: servingKeys.pem, cert: forge.pki.certificateToPem(serving) },
  };
}

/** Checks the shared numeric options, filling defaults. */
export function issueSpec(options: { commonName: string; caCommonName: string; dns: string[]; ips: string[]; validityDays?: number; caValidityDays?: number; backdateMinutes?: number; keyBits?: number; now: Date }): IssueSpec {
  if (Number.isNaN(options.now.getTime())) throw new CertificateOptionError('now is not a valid date');
  const validityDays = positiveInteger(options.validityDays ?? 365, 'validity days');
  const backdateMinutes = options.backdateMinutes ?? 5;
  if (!Number.isInteger(backdateMinutes) || backdateMinutes < 0) throw new CertificateOptionError(`backdate minutes must be a non-negative integer, got ${backdateMinutes}`);
  const keyBits = positiveInteger(options.keyBits ?? 2048, 'key bits');
  if (keyBits < MIN_KEY_BITS) throw new CertificateOptionError(`key bits must be at least ${MIN_KEY_BITS}, got ${keyBits}`);
  const names = subjectAltNames(options.dns, options.ips);
  return {
    commonName: options.commonName,
    caCommonName: options.caCommonName,
    dns: names.dns,
    ips: names.ips,
    validityDays,
    caValidityDays: positiveInteger(options.caValidityDays ?? validityDays, 'CA validity days'),
    backdateMinutes,
    keyBits,
    now: options.now,
  };
}

/** A CA plus a serving certificate for the Service `service` in `namespace` (and any extra hosts and IPs). */
export function generateCertificates(options: GenerateOptions): GeneratedCertificates {
  const names = serviceDnsNames(options.service, options.namespace);
  const spec = issueSpec({
    ...options,
    commonName: names[2] ?? options.service,
    caCommonName: `${options.service}-ca@${Math.floor(options.now.getTime() / 1000)}`,
    dns: [...names, ...(options.hosts ?? [])],
    ips: options.ips ?? [],
  });
  return issueCertificates(spec);
}
