import { X509Certificate, createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { generateCertificates, selfSignedMaterial, fingerprintSha256, CertificateOptionError } from '../../src/tls/index.js';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const DAY = 86_400_000;

describe('generateCertificates', () => {
  const generated = generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['10.0.0.7', '::1'], hosts: ['webhook.example.com'], keyBits: 1024, now: NOW });
  const ca = new X509Certificate(generated.ca.cert);
  const serving = new X509Certificate(generated.serving.cert);

  it('makes a CA flagged as such that signed the serving certificate', () => {
    expect(ca.ca).toBe(true);
    expect(serving.ca).toBe(false);
    expect(serving.checkIssued(ca)).toBe(true);
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(serving.issuer).toBe(ca.subject);
  });

  it('covers the four Service names plus extra hosts and IPs (IPs as IP SANs)', () => {
    expect(serving.subjectAltName).toBe(
      'DNS:tollgate, DNS:tollgate.tollgate, DNS:tollgate.tollgate.svc, DNS:tollgate.tollgate.svc.cluster.local, DNS:webhook.example.com, IP Address:10.0.0.7, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(serving.subject).toBe('CN=tollgate.tollgate.svc');
    expect(serving.checkHost('tollgate.tollgate.svc')).toBe('tollgate.tollgate.svc');
    expect(serving.checkIP('10.0.0.7')).toBe('10.0.0.7');
    expect(serving.checkHost('other.tollgate.svc')).toBeUndefined();
  });

  it('is for server auth only, and only the CA may sign certificates', () => {
    expect(serving.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    const caExt = forge.pki.certificateFromPem(generated.ca.cert);
    const servingExt = forge.pki.certificateFromPem(generated.serving.cert);
    expect(caExt.getExtension('basicConstraints')).toMatchObject({ cA: true, critical: true });
    expect(caExt.getExtension('keyUsage')).toMatchObject({ keyCertSign: true, cRLSign: true, critical: true });
    expect(servingExt.getExtension('basicConstraints')).toMatchObject({ cA: false });
    expect(servingExt.getExtension('keyUsage')).toMatchObject({ keyCertSign: false, digitalSignature: true, keyEncipherment: true });
    expect(servingExt.getExtension('extKeyUsage')).toMatchObject({ serverAuth: true });
    expect(caExt.getExtension('extKeyUsage')).toBeNull();
    const aki = servingExt.getExtension('authorityKeyIdentifier') as { value: string } | null;
    expect(aki?.value).toContain(caExt.generateSubjectKeyIdentifier().getBytes());
  });

  it('backdates notBefore five minutes and lasts 365 days by default', () => {
    expect(new Date(serving.validFrom).getTime()).toBe(NOW.getTime() - 5 * 60_000);
    expect(new Date(serving.validTo).getTime()).toBe(NOW.getTime() + 365 * DAY);
    expect(new Date(ca.validTo).getTime()).toBe(NOW.getTime() + 365 * DAY);
  });

  it('returns keys matching their certificates', () => {
    expect(serving.checkPrivateKey(createPrivateKey(generated.serving.key))).toBe(true);
    expect(ca.checkPrivateKey(createPrivateKey(generated.ca.key))).toBe(true);
    expect(serving.checkPrivateKey(createPrivateKey(generated.ca.key))).toBe(false);
    expect(createPrivateKey(generated.serving.key).asymmetricKeyDetails?.modulusLength).toBe(1024);
  });

  it('uses fresh serial numbers', () => {
    const again = generateCertificates({ service: 'tollgate', namespace: 'tollgate', keyBits: 1024, now: NOW });
    expect(new X509Certificate(again.serving.cert).serialNumber).not.toBe(serving.serialNumber);
    expect(new X509Certificate(again.ca.cert).serialNumber).not.toBe(ca.serialNumber);
  });

  it.each([
    [{ validityDays: 30, backdateMinutes: 0 }, 0, 30],
    [{ validityDays: 1, backdateMinutes: 60 }, 60, 1],
    [{ validityDays: 90, caValidityDays: 3650 }, 5, 90],
  ])('honours %j', (extra, backdate, days) => {
    const g = generateCertificates({ service: 's', namespace: 'n', keyBits: 1024, now: NOW, ...extra });
    const cert = new X509Certificate(g.serving.cert);
    expect(new Date(cert.validFrom).getTime()).toBe(NOW.getTime() - backdate * 60_000);
    expect(new Date(cert.validTo).getTime()).toBe(NOW.getTime() + days * DAY);
    const caDays = 'caValidityDays' in extra ? extra.caValidityDays : days;
    expect(new Date(new X509Certificate(g.ca.cert).validTo).getTime()).toBe(NOW.getTime() + caDays * DAY);
  });

  it('defaults to 2048-bit RSA keys', () => {
    const g = generateCertificates({ service: 's', namespace: 'n', now: NOW });
    expect(createPrivateKey(g.serving.key).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPrivateKey(g.ca.key).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it.each([
    [{ ips: ['300.1.1.1'] }, 'invalid IP address "300.1.1.1"'],
    [{ ips: ['example.com'] }, 'invalid IP address "example.com"'],
    [{ hosts: ['bad_host'] }, 'invalid DNS name "bad_host"'],
    [{ hosts: ['a..b'] }, 'invalid DNS name "a..b"'],
    [{ service: 'Bad Name' }, 'invalid DNS name "Bad Name"'],
    [{ validityDays: 0 }, 'validity days must be a positive integer, got 0'],
    [{ validityDays: 1.5 }, 'validity days must be a positive integer, got 1.5'],
    [{ backdateMinutes: -1 }, 'backdate minutes must be a non-negative integer, got -1'],
    [{ keyBits: 256 }, 'key bits must be at least 512, got 256'],
  ])('rejects %j', (extra, message) => {
    const call = (): unknown => generateCertificates({ service: 's', namespace: 'n', keyBits: 1024, now: NOW, ...extra });
    expect(call).toThrow(CertificateOptionError);
    expect(call).toThrow(message);
  });
});

describe('selfSignedMaterial', () => {
  it('serves localhost and loopback IPs, with its CA', () => {
    const material = selfSignedMaterial(NOW, { keyBits: 1024 });
    const cert = new X509Certificate(material.cert);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(material.ca).toBeDefined();
    expect(cert.checkIssued(new X509Certificate(material.ca ?? ''))).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(material.key))).toBe(true);
  });
});

describe('fingerprintSha256', () => {
  it('prints colon-separated upper-case hex of the DER SHA-256', async () => {
    const { createHash } = await import('node:crypto');
    const material = selfSignedMaterial(NOW, { keyBits: 1024 });
    const der = new X509Certificate(material.cert).raw;
    const expected = createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)?.join(':');
    expect(fingerprintSha256(material.cert)).toBe(expected);
    expect(fingerprintSha256(material.cert)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('throws on text that is not a certificate', () => {
    expect(() => fingerprintSha256('not a certificate')).toThrow();
  });
});
