import { staticCertSource, type TlsMaterial } from '../../src/tls/index.js';
import { testCertificates } from './helpers.js';

const a = testCertificates();
const b = testCertificates();
const material = (pair: typeof a): TlsMaterial => ({ cert: pair.serving.cert, key: pair.serving.key, ca: pair.ca.cert });

describe('staticCertSource', () => {
  it('serves its material and announces updates', () => {
    const source = staticCertSource(material(a));
    const seen: TlsMaterial[] = [];
    source.onChange((m) => seen.push(m));
    expect(source.current()).toEqual(material(a));
    source.update(material(a));
    expect(seen).toEqual([]);
    source.update(material(b));
    expect(seen).toEqual([material(b)]);
    expect(source.current()).toEqual(material(b));
  });

  it('rejects a mismatched pair and keeps the current one', () => {
    const source = staticCertSource(material(a));
    expect(() => source.update({ cert: a.serving.cert, key: b.serving.key })).toThrow('private key does not match the certificate');
    expect(source.current()).toEqual(material(a));
    expect(() => staticCertSource({ cert: 'nothing', key: a.serving.key })).toThrow('holds no PEM certificate');
  });
});
