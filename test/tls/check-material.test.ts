import { checkMaterial, parseCertificates, type TlsMaterial } from '../../src/tls/index.js';
import { generateCertificates } from '../../src/tls/index.js';
import { testCertificates } from './helpers.js';

const a = testCertificates();
const b = testCertificates();

describe('checkMaterial', () => {
  it.each<[string, TlsMaterial, string | null]>([
    ['a matching pair', { cert: a.serving.cert, key: a.serving.key }, null],
    ['a matching pair with its CA', { cert: a.serving.cert, key: a.serving.key, ca: a.ca.cert }, null],
    ['a chain file carrying the CA too', { cert: a.serving.cert + a.ca.cert, key: a.serving.key, ca: a.ca.cert }, null],
    ['a CA bundle holding old and new CAs', { cert: a.serving.cert, key: a.serving.key, ca: b.ca.cert + a.ca.cert }, null],
    ['the CA pair itself', { cert: a.ca.cert, key: a.ca.key, ca: a.ca.cert }, null],
    ['a key of another certificate', { cert: a.serving.cert, key: b.serving.key }, 'private key does not match the certificate'],
    ['another CA', { cert: a.serving.cert, key: a.serving.key, ca: b.ca.cert }, 'certificate is not signed by the CA'],
    ['an empty CA file', { cert: a.serving.cert, key: a.serving.key, ca: '' }, 'CA file holds no PEM certificate'],
    ['an empty certificate file', { cert: '', key: a.serving.key }, 'certificate file holds no PEM certificate'],
    ['a corrupt certificate', { cert: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', key: a.serving.key }, 'certificate does not parse'],
    ['a key that is not PEM', { cert: a.serving.cert, key: 'garbage' }, 'private key does not parse'],
  ])('%s', (_label, material, error) => {
    const check = checkMaterial(material);
    if (error === null) expect(check).toEqual({ ok: true, material });
    else expect(check.ok ? 'ok' : check.error).toContain(error);
  });
});

describe('parseCertificates', () => {
  it('reads every certificate of a bundle in order', () => {
    const c = generateCertificates({ service: 's', namespace: 'n', keyBits: 1024, now: new Date() });
    const certs = parseCertificates(`junk\n${c.serving.cert}\n${c.ca.cert}`);
    expect(certs.map((x) => x.subject)).toEqual(['CN=s.n.svc', expect.stringMatching(/^CN=s-ca@\d+$/)]);
  });
});
