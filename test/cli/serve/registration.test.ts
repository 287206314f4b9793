/** The pure parts of `serve --register`: names the self-signed certificate must cover, the caBundle check, the webhook target. */
import { caBundleProblem, selfSignedNames, webhookOptions } from '../../../src/cli/serve/registration.js';
import { generateCertificates, selfSignedMaterial } from '../../../src/tls/index.js';

describe('selfSignedNames', () => {
  test.each([
    { target: { namespace: 'tollgate', service: 'tollgate' }, names: { hosts: ['tollgate', 'tollgate.tollgate', 'tollgate.tollgate.svc', 'tollgate.tollgate.svc.cluster.local'], ips: [] } },
    { target: { namespace: 'ns', service: 'gate', url: 'https://dev.example.com:8443' }, names: { hosts: ['dev.example.com'], ips: [] } },
    { target: { namespace: 'ns', service: 'gate', url: 'https://192.168.1.10:9443/x' }, names: { hosts: [], ips: ['192.168.1.10'] } },
    { target: { namespace: 'ns', service: 'gate', url: 'https://[fd00::1]:9443' }, names: { hosts: [], ips: ['fd00::1'] } },
  ])('$target', ({ target, names }) => {
    expect(selfSignedNames(target)).toEqual(names);
  });
});

describe('caBundleProblem', () => {
  const now = new Date();
  const issued = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now, keyBits: 2048 });
  const selfSigned = selfSignedMaterial(now);

  test.each([
    { what: 'a CA is known', material: { ...issued.serving, ca: issued.ca.cert }, problem: false },
    { what: 'a self-signed certificate without CA (it is its own bundle)', material: issued.ca, problem: false },
    { what: 'the in-memory self-signed material (carries its CA)', material: selfSigned, problem: false },
    { what: 'a CA-signed certificate without its CA', material: issued.serving, problem: true },
  ])('$what -> problem: $problem', ({ material, problem }) => {
    const found = caBundleProblem(material);
    if (problem) expect(found).toMatch(/give --ca FILE/);
    else expect(found).toBeUndefined();
  });
});

describe('webhookOptions', () => {
  test.each([
    { target: { namespace: 'ns', service: 'gate' }, options: { namespace: 'ns', service: { name: 'gate', namespace: 'ns' } } },
    { target: { namespace: 'ns', service: 'gate', url: 'https://h:1' }, options: { namespace: 'ns', service: { name: 'gate', namespace: 'ns' }, url: 'https://h:1' } },
  ])('$target', ({ target, options }) => {
    expect(webhookOptions(target)).toEqual(options);
  });
});
