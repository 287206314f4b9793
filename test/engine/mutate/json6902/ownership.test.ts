/**
 * Within one patch application the copies it made are edited in place: the input document and the operations'
 * values must still never change, and a value reachable from two places after a copy must not change in both.
 */
import type { JsonPatchOp } from '../../../../src/api/json-patch.js';
import { applyJsonPatch } from '../../../../src/engine/mutate/json6902/index.js';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

function apply(doc: unknown, ops: JsonPatchOp[]): unknown {
  const out = applyJsonPatch(doc, ops);
  if (!out.ok) throw new Error(out.message);
  return out.value;
}

describe('applyJsonPatch edits its own copies in place', () => {
  it('leaves a frozen input and frozen operation values untouched over many edits of one container', () => {
    const doc = deepFreeze({ spec: { containers: [{ name: 'app' }], volumes: [{ name: 'a' }] }, metadata: { labels: { x: '1' } } });
    const sidecar = deepFreeze({ name: 'proxy', env: [{ name: 'A', value: '1' }] });
    const ops: JsonPatchOp[] = [
      { op: 'add', path: '/spec/containers/-', value: sidecar },
      { op: 'add', path: '/spec/volumes/-', value: { name: 'b' } },
      { op: 'add', path: '/spec/volumes/0', value: { name: 'first' } },
      { op: 'add', path: '/metadata/labels/y', value: '2' },
      { op: 'remove', path: '/metadata/labels/x' },
      { op: 'replace', path: '/spec/containers/0/name', value: 'main' },
      { op: 'add', path: '/spec/containers/1/env/-', value: { name: 'B', value: '2' } },
      { op: 'remove', path: '/spec/volumes/1' },
    ];
    const out = apply(doc, ops);
    expect(out).toEqual({
      spec: { containers: [{ name: 'main' }, { name: 'proxy', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }], volumes: [{ name: 'first' }, { name: 'b' }] },
      metadata: { labels: { y: '2' } },
    });
    expect(doc).toEqual({ spec: { containers: [{ name: 'app' }], volumes: [{ name: 'a' }] }, metadata: { labels: { x: '1' } } });
    expect(sidecar).toEqual({ name: 'proxy', env: [{ name: 'A', value: '1' }] });
  });

  it('the same operations twice on the same input give the same result (nothing is left behind)', () => {
    const doc = { spec: { volumes: [] as unknown[] } };
    const ops: JsonPatchOp[] = [
      { op: 'add', path: '/spec/volumes/-', value: { name: 'a' } },
      { op: 'add', path: '/spec/volumes/-', value: { name: 'b' } },
    ];
    expect(apply(doc, ops)).toEqual(apply(doc, ops));
    expect(doc.spec.volumes).toEqual([]);
  });

  it('after a copy, editing one place does not change the other', () => {
    const doc = { a: { list: [1] } };
    const out = apply(doc, [
      { op: 'add', path: '/a/list/-', value: 2 },
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'add', path: '/b/list/-', value: 3 },
      { op: 'add', path: '/a/extra', value: true },
    ]);
    expect(out).toEqual({ a: { list: [1, 2], extra: true }, b: { list: [1, 2, 3] } });
    expect(doc).toEqual({ a: { list: [1] } });
  });

  it('a moved value keeps its edits and the source is gone', () => {
    const doc = { a: { list: [1] } };
    const out = apply(doc, [
      { op: 'add', path: '/a/list/-', value: 2 },
      { op: 'move', from: '/a', path: '/b' },
      { op: 'add', path: '/b/list/-', value: 3 },
    ]);
    expect(out).toEqual({ b: { list: [1, 2, 3] } });
    expect(doc).toEqual({ a: { list: [1] } });
  });

  it('a failing operation leaves the input as it was', () => {
    const doc = { spec: { containers: [{ name: 'app' }] } };
    const out = applyJsonPatch(doc, [
      { op: 'add', path: '/spec/containers/-', value: { name: 'x' } },
      { op: 'replace', path: '/spec/missing/key', value: 1 },
    ]);
    expect(out.ok).toBe(false);
    expect(doc).toEqual({ spec: { containers: [{ name: 'app' }] } });
  });
});
