import jsonpatch from 'fast-json-patch';
import { diffJsonPatch } from '../../src/admission/json-patch.js';
import type { JsonPatchOp } from '../../src/api/json-patch.js';
import { applyJsonPatch } from '../../src/engine/mutate/json6902/index.js';

function deepClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Applies with fast-json-patch, an independent RFC 6902 implementation, validating every operation. */
function applyIndependently(original: unknown, ops: JsonPatchOp[]): unknown {
  return jsonpatch.applyPatch(deepClone(original), deepClone(ops) as jsonpatch.Operation[], true, false).newDocument;
}

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { note: 'x' } },
  spec: {
    initContainers: [{ name: 'init', image: 'busybox' }],
    containers: [
      { name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] },
      { name: 'log', image: 'fluentd' },
    ],
    volumes: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
  },
};
type Pod = typeof pod;

/** Copy-on-write edits, as the engine makes them: only the path to the change is new. */
function edit(change: (spec: Pod['spec'], metadata: Pod['metadata']) => Partial<Pod['spec']> & { metadata?: Pod['metadata'] }): Pod {
  const { metadata, ...spec } = change(pod.spec, pod.metadata);
  return { ...pod, metadata: metadata ?? pod.metadata, spec: { ...pod.spec, ...spec } };
}

const sidecar = { name: 'istio-proxy', image: 'proxy' };

describe('diffJsonPatch: exact operations', () => {
  test.each<[string, unknown, unknown, JsonPatchOp[]]>([
    ['same reference', pod, pod, []],
    ['deep-equal copies', pod, deepClone(pod), []],
    ['scalar root', 1, 2, [{ op: 'replace', path: '', value: 2 }]],
    ['root kind change', { a: 1 }, [1], [{ op: 'replace', path: '', value: [1] }]],
    ['value kind change', { a: { b: 1 } }, { a: [1] }, [{ op: 'replace', path: '/a', value: [1] }]],
    ['null to object', { a: null }, { a: {} }, [{ op: 'replace', path: '/a', value: {} }]],
    ['nested scalar', { a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, [{ op: 'replace', path: '/a/c', value: 3 }]],
    ['added key', { a: 1 }, { a: 1, b: { c: 2 } }, [{ op: 'add', path: '/b', value: { c: 2 } }]],
    ['removed key', { a: 1, b: 2 }, { a: 1 }, [{ op: 'remove', path: '/b' }]],
    ['string number is not a number', { a: 1 }, { a: '1' }, [{ op: 'replace', path: '/a', value: '1' }]],
    [
      'annotation key with "/" is escaped',
      pod,
      edit((_s, m) => ({ metadata: { ...m, annotations: { ...m.annotations, 'sidecar.istio.io/inject': 'false' } } })),
      [{ op: 'add', path: '/metadata/annotations/sidecar.istio.io~1inject', value: 'false' }],
    ],
    ['key with "~" is escaped', { 'a~b': 1 }, { 'a~b': 2 }, [{ op: 'replace', path: '/a~0b', value: 2 }]],
    ['empty key', { '': 1 }, {}, [{ op: 'remove', path: '/' }]],
    ['appended container', pod, edit((s) => ({ containers: [...s.containers, sidecar] })), [{ op: 'add', path: '/spec/containers/2', value: sidecar }]],
    [
      'prepended init container',
      pod,
      edit((s) => ({ initContainers: [sidecar, ...s.initContainers] })),
      [{ op: 'add', path: '/spec/initContainers/0', value: sidecar }],
    ],
    ['inserted in the middle', { a: [1, 2, 3] }, { a: [1, 9, 2, 3] }, [{ op: 'add', path: '/a/1', value: 9 }]],
    ['two appended', { a: [1] }, { a: [1, 2, 3] }, [{ op: 'add', path: '/a/1', value: 2 }, { op: 'add', path: '/a/2', value: 3 }]],
    ['removed first', pod, edit((s) => ({ volumes: s.volumes.slice(1) })), [{ op: 'remove', path: '/spec/volumes/0' }]],
    ['removed middle', pod, edit((s) => ({ volumes: [s.volumes[0], s.volumes[2]] })), [{ op: 'remove', path: '/spec/volumes/1' }]],
    ['removed last', pod, edit((s) => ({ volumes: s.volumes.slice(0, 2) })), [{ op: 'remove', path: '/spec/volumes/2' }]],
    ['removed two, highest first', { a: [1, 2, 3, 4] }, { a: [1, 4] }, [{ op: 'remove', path: '/a/2' }, { op: 'remove', path: '/a/1' }]],
    ['removed two apart, highest first', { a: [1, 2, 3, 4, 5] }, { a: [1, 3, 5] }, [{ op: 'remove', path: '/a/3' }, { op: 'remove', path: '/a/1' }]],
    ['emptied', { a: [1, 2] }, { a: [] }, [{ op: 'remove', path: '/a/1' }, { op: 'remove', path: '/a/0' }]],
    [
      'container changed in place is diffed inside',
      pod,
      edit((s) => ({ containers: [s.containers[0], { ...s.containers[1], securityContext: { runAsNonRoot: true } }] })),
      [{ op: 'add', path: '/spec/containers/1/securityContext', value: { runAsNonRoot: true } }],
    ],
    [
      'container changed and another appended',
      pod,
      edit((s) => ({ containers: [{ ...s.containers[0], image: 'nginx:1.27' }, s.containers[1], sidecar] })),
      [{ op: 'add', path: '/spec/containers/2', value: sidecar }, { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.27' }],
    ],
    [
      'first container removed and the next one changed',
      pod,
      edit((s) => ({ containers: [{ ...s.containers[1], image: 'fluentd:2' }] })),
      [{ op: 'replace', path: '/spec/containers/1/image', value: 'fluentd:2' }, { op: 'remove', path: '/spec/containers/0' }],
    ],
    [
      'every container changed (foreach mutation)',
      pod,
      edit((s) => ({ containers: s.containers.map((c) => ({ ...c, imagePullPolicy: 'Always' })) })),
      [
        { op: 'add', path: '/spec/containers/1/imagePullPolicy', value: 'Always' },
        { op: 'add', path: '/spec/containers/0/imagePullPolicy', value: 'Always' },
      ],
    ],
    ['one scalar element changed', { args: ['a', 'b', 'c'] }, { args: ['a', 'x', 'c'] }, [{ op: 'replace', path: '/args/1', value: 'x' }]],
    ['scalar elements changed apart: one whole replace', { args: ['a', 'b', 'c'] }, { args: ['x', 'b', 'y'] }, [{ op: 'replace', path: '/args', value: ['x', 'b', 'y'] }]],
    ['reordered scalars: one whole replace', { a: [1, 2, 3] }, { a: [3, 1, 2, 0] }, [{ op: 'replace', path: '/a', value: [3, 1, 2, 0] }]],
    ['renamed element plus a removal: one whole replace', { a: [{ name: 'x' }, { name: 'y' }] }, { a: [{ name: 'z' }] }, [{ op: 'replace', path: '/a', value: [{ name: 'z' }] }]],
    [
      'nameless element replaced by another is diffed inside (as Kyverno reports it)',
      { tolerations: [{ effect: 'NoExecute', key: 'not-ready', operator: 'Exists', tolerationSeconds: 300 }] },
      { tolerations: [{ key: 'test', effect: 'NoSchedule', operator: 'Exists' }] },
      [
        { op: 'replace', path: '/tolerations/0/effect', value: 'NoSchedule' },
        { op: 'replace', path: '/tolerations/0/key', value: 'test' },
        { op: 'remove', path: '/tolerations/0/tolerationSeconds' },
      ],
    ],
    ['nested arrays are diffed inside', { a: [[1, 2], [3]] }, { a: [[1, 2, 9], [3]] }, [{ op: 'add', path: '/a/0/2', value: 9 }]],
  ])('%s', (_name, original, patched, ops) => {
    const diff = diffJsonPatch(original, patched);
    expect(diff).toEqual(ops);
    expect(applyIndependently(original, diff)).toEqual(patched);
  });
});

/** mulberry32: a small seeded generator, so every run checks the same pairs. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['a', 'b', 'name', 'x/y', 'm~n', '~1', '', '0', 'spec', 'containers'];
const NAMES = ['c0', 'c1', 'c2', 'c3'];

function generator(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];

  const value = (depth: number): unknown => {
    const roll = rand();
    if (depth <= 0 || roll < 0.35) return pick<unknown>([null, true, false, 0, 1, -2.5, 'a', 'b', '', 'x/y']);
    if (roll < 0.65) {
      const out: unknown[] = [];
      for (let i = int(5); i > 0; i--) out.push(value(depth - 1));
      return out;
    }
    const out: Record<string, unknown> = {};
    if (rand() < 0.4) out.name = pick(NAMES);
    for (let i = int(4); i > 0; i--) out[pick(KEYS)] = value(depth - 1);
    return out;
  };

  /** A copy-on-write variation: most subtrees stay the same reference, some are deep copies. */
  const mutate = (v: unknown, depth: number): unknown => {
    const roll = rand();
    if (roll < 0.3) return v;
    if (roll < 0.38) return deepClone(v);
    if (roll < 0.45 || depth <= 0) return value(2);
    if (Array.isArray(v)) {
      const out = v.slice();
      for (let n = 1 + int(3); n > 0; n--) {
        const op = rand();
        if (op < 0.3) out.splice(int(out.length + 1), 0, value(2));
        else if (op < 0.55 && out.length > 0) out.splice(int(out.length), 1);
        else if (op < 0.9 && out.length > 0) {
          const i = int(out.length);
          out[i] = mutate(out[i], depth - 1);
        } else if (out.length > 1) {
          const i = int(out.length);
          const [moved] = out.splice(i, 1);
          out.splice(int(out.length + 1), 0, moved);
        }
      }
      return out;
    }
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      for (let n = 1 + int(3); n > 0; n--) {
        const key = pick(KEYS);
        const op = rand();
        if (op < 0.3) delete out[key];
        else if (op < 0.6) out[key] = value(2);
        else if (Object.hasOwn(out, key)) out[key] = mutate(out[key], depth - 1);
      }
      return out;
    }
    return value(1);
  };
  return { value, mutate };
}

describe('diffJsonPatch: round trip over generated pairs', () => {
  test.each([1, 2, 3, 4, 5])('seed %i: fast-json-patch and applyJsonPatch turn original into patched', (seed) => {
    const rand = prng(seed);
    const { value, mutate } = generator(rand);
    let nonEmpty = 0;
    for (let round = 0; round < 400; round++) {
      const original = round % 4 === 0 ? value(4) : { spec: value(4), list: [value(2), value(2), value(2)] };
      let patched = mutate(original, 4);
      for (let retry = 0; retry < 3 && patched === original; retry++) patched = mutate(original, 4);
      const ops = diffJsonPatch(original, patched);
      const context = JSON.stringify({ original, patched, ops });
      expect([context, applyIndependently(original, ops)]).toEqual([context, patched]);
      // The engine's own applier agrees wherever it can take the document (it needs an object or array root).
      const bothContainers = [original, patched].every((v) => typeof v === 'object' && v !== null);
      if (bothContainers) {
        const ours = applyJsonPatch(original, ops);
        expect([context, ours.ok && ours.value]).toEqual([context, patched]);
      }
      if (ops.length > 0) nonEmpty++;
      else expect(patched).toEqual(original);
    }
    expect(nonEmpty).toBeGreaterThan(200);
  });

  test('a single insertion or removal anywhere in an array of distinct elements is one operation', () => {
    const rand = prng(42);
    for (let round = 0; round < 300; round++) {
      const length = 1 + Math.floor(rand() * 8);
      const list = Array.from({ length }, (_, i) => ({ name: `c${i}`, image: `img${i}` }));
      const at = Math.floor(rand() * (length + 1));
      const inserted = [...list.slice(0, at), { name: 'new' }, ...list.slice(at)];
      expect(diffJsonPatch({ list }, { list: inserted })).toEqual([{ op: 'add', path: `/list/${at}`, value: { name: 'new' } }]);
      const gone = Math.floor(rand() * length);
      const removed = list.filter((_, i) => i !== gone);
      expect(diffJsonPatch({ list }, { list: removed })).toEqual([{ op: 'remove', path: `/list/${gone}` }]);
    }
  });
});
