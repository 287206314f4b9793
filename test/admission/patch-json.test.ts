/** The patch text is exactly JSON.stringify's, whether the values are frozen (text kept) or not. */
import type { JsonPatchOp } from '../../src/api/json-patch.js';
import { patchJson } from '../../src/admission/patch-json.js';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe('patchJson', () => {
  const shared = deepFreeze({ name: 'proxy', image: 'proxy:1', args: ['a', 'b "quoted"'], ports: [{ containerPort: 15090 }], env: null });
  const ops: JsonPatchOp[] = [
    { op: 'add', path: '/spec/containers/-', value: shared },
    { op: 'replace', path: '/metadata/labels/a~1b', value: 'x\ny' },
    { op: 'remove', path: '/spec/volumes/0' },
    { op: 'add', path: '/metadata/annotations', value: { fresh: 'object', n: 1.5, t: true } },
    { op: 'move', from: '/a', path: '/b' },
    { op: 'add', path: '/x', value: null },
    { op: 'add', path: '/y', value: [] },
  ];

  it('escapes paths and values as JSON.stringify does', () => {
    const odd: JsonPatchOp[] = ['/a"b', '/back\\slash', '/tab\tnew\nline', '/lone\ud800', '/emoji😀', '/é', '/\u2028'].map((path) => ({ op: 'add', path, value: path }));
    expect(patchJson(odd)).toBe(JSON.stringify(odd));
  });

  it('writes what JSON.stringify writes', () => {
    expect(patchJson(ops)).toBe(JSON.stringify(ops));
    expect(patchJson([])).toBe('[]');
  });

  it('answers the same text again for a frozen value, and follows an unfrozen one as it changes', () => {
    expect(patchJson(ops)).toBe(JSON.stringify(ops));
    const mutable: { count: number } = { count: 1 };
    const op: JsonPatchOp = { op: 'add', path: '/c', value: mutable };
    expect(patchJson([op])).toBe('[{"op":"add","path":"/c","value":{"count":1}}]');
    mutable.count = 2;
    expect(patchJson([op])).toBe('[{"op":"add","path":"/c","value":{"count":2}}]');
  });
});
