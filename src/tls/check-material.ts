/** Checks that PEM material is usable for serving: parseable, key matches certificate, chain matches CA. */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { TlsMaterial } from './types.js';

export type MaterialCheck = { ok: true; material: TlsMaterial } | { ok: false; error: string };

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM bundle, in order; an empty list when there is none. */
export function parseCertificates(pem: string): X509Certificate[] {
  return (pem.match(PEM_CERT) ?? []).map((block) => new X509Certificate(block));
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.fingerprint256 === issuer.fingerprint256 || (cert.checkIssued(issuer) && cert.verify(issuer.publicKey));
}

/** Parses and cross-checks the material; never throws. */
export function checkMaterial(material: TlsMaterial): MaterialCheck {
  let chain: X509Certificate[];
  try {
    chain = parseCertificates(material.cert);
  } catch (err) {
    return { ok: false, error: `certificate does not parse: ${message(err)}` };
  }
  const leaf = chain[0];
  if (leaf === undefined) return { ok: false, error: 'certificate file holds no PEM certificate' };
  try {
    if (!leaf.checkPrivateKey(createPrivateKey(material.key))) return { ok: false, error: 'private key does not match the certificate' };
  } catch (err) {
    return { ok: false, error: `private key does not parse: ${message(err)}` };
  }
  if (material.ca !== undefined) {
    let cas: X509Certificate[];
    try {
      cas = parseCertificates(material.ca);
    } catch (err) {
      return { ok: false, error: `CA certificate does not parse: ${message(err)}` };
    }
    if (cas.length === 0) return { ok: false, error: 'CA file holds no PEM certificate' };
    // The chain may carry intermediates: some link of it must lead to a certificate of the CA bundle.
    if (!chain.some((cert) => cas.some((ca) => issuedBy(cert, ca)))) return { ok: false, error: 'certificate is not signed by the CA' };
  }
  try {
    createSecureContext({ key: material.key, cert: material.cert });
  } catch (err) {
    return { ok: false, error: `TLS rejects the key pair: ${message(err)}` };
  }
  return { ok: true, material };
}

/** True when both hold the same PEM text. */
export function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  return a.key === b.key && a.cert === b.cert && a.ca === b.ca;
}
