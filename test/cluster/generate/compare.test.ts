/** Drift of generated objects and the body that corrects it. */
import type { KubeObject } from '../../../src/api/kube.js';
import { contains, correction, drifted, storedForm } from '../../../src/cluster/generate/compare.js';

const obj = (extra: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n', ...metadata }, ...extra });

describe('contains', () => {
  test.each([
    [{ a: 1 }, { a: 1, b: 2 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{}, undefined, true],
    [{}, { defaulted: true }, true],
    [[1, 2], [1, 2], true],
    [[1, 2], [1, 2, 3], false],
    [[{ a: 1 }], [{ a: 1, b: 1 }], true],
    [null, undefined, true],
    ['4', 4, false],
  ])('%j in %j: %s', (want, have, expected) => {
    expect(contains(want, have)).toBe(expected);
  });
});

describe('drifted', () => {
  test.each([
    ['server-owned metadata and status are not drift', obj({ data: { a: '1' } }), obj({ data: { a: '1' }, status: { x: 1 } }, { uid: 'u', resourceVersion: '9', creationTimestamp: 't' }), false],
    ['a changed value is drift', obj({ data: { a: '1' } }), obj({ data: { a: '2' } }), true],
    ['a key added to data is drift', obj({ data: { a: '1' } }), obj({ data: { a: '1', b: '2' } }), true],
    ['a field defaulted in spec is not drift', obj({ spec: { podSelector: {} } }), obj({ spec: { podSelector: {}, policyTypes: ['Ingress'] } }), false],
    ['a missing own label is drift', obj({}, { labels: { a: '1' } }), obj({}, { labels: { b: '2' } }), true],
    ["others' labels and annotations are not drift", obj({}, { labels: { a: '1' } }), obj({}, { labels: { a: '1', b: '2' }, annotations: { c: '3' } }), false],
  ])('%s', (_name, desired, existing, expected) => {
    expect(drifted(desired, existing)).toBe(expected);
  });

  test("a Secret's stringData is compared as the base64 data the server stores", () => {
    const desired: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { k: 'v' } };
    expect(storedForm(desired)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'dg==' } });
    expect(drifted(desired, { ...desired, stringData: undefined, data: { k: 'dg==' } })).toBe(false);
    expect(drifted(desired, { ...desired, stringData: undefined, data: { k: 'eA==' } })).toBe(true);
  });
});

test('correction keeps the stored metadata and others\' labels, replaces desired fields whole, drops managedFields', () => {
  const desired = obj({ data: { a: '1' } }, { labels: { own: 'y' } });
  const existing = obj({ data: { a: '2', b: '3' }, extra: true }, { uid: 'u', resourceVersion: '7', labels: { own: 'n', other: 'z' }, finalizers: ['f'], managedFields: [{}] });
  expect(correction(desired, existing)).toEqual({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x', namespace: 'n', uid: 'u', resourceVersion: '7', labels: { own: 'y', other: 'z' }, finalizers: ['f'] },
    data: { a: '1' },
    extra: true,
  });
});
