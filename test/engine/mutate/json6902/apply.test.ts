import type { JsonPatchOp } from '../../../../src/api/json-patch.js';
import { applyJsonPatch, parseJson6902 } from '../../../../src/engine/mutate/json6902/index.js';

/** Frozen inputs make any in-place change throw (ES modules are strict), proving `doc` is never mutated. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function applied(doc: unknown, ops: JsonPatchOp[]): unknown {
  const result = applyJsonPatch(deepFreeze(doc), deepFreeze(ops));
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

type Case = [string, unknown, JsonPatchOp[], unknown];

const addCases: Case[] = [
  ['new key', { a: 1 }, [{ op: 'add', path: '/b', value: 2 }], { a: 1, b: 2 }],
  ['existing key is replaced', { a: 1 }, [{ op: 'add', path: '/a', value: [2] }], { a: [2] }],
  ['empty key', {}, [{ op: 'add', path: '/', value: 1 }], { '': 1 }],
  ['escaped keys', {}, [{ op: 'add', path: '/a~1b', value: 1 }, { op: 'add', path: '/c~0d', value: 2 }], { 'a/b': 1, 'c~d': 2 }],
  ['insert into array', { a: [1, 2] }, [{ op: 'add', path: '/a/1', value: 9 }], { a: [1, 9, 2] }],
  ['insert at index 0', { a: [1, 2] }, [{ op: 'add', path: '/a/0', value: 9 }], { a: [9, 1, 2] }],
  ['index equal to length appends', { a: [1, 2] }, [{ op: 'add', path: '/a/2', value: 9 }], { a: [1, 2, 9] }],
  ['"-" appends', { a: [1, 2] }, [{ op: 'add', path: '/a/-', value: 9 }], { a: [1, 2, 9] }],
  ['-1 appends (negative indices count from the end)', { a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 9 }], { a: [1, 2, 9] }],
  ['-2 inserts before the last', { a: [1, 2] }, [{ op: 'add', path: '/a/-2', value: 9 }], { a: [1, 9, 2] }],
  ['-3 inserts first', { a: [1, 2] }, [{ op: 'add', path: '/a/-3', value: 9 }], { a: [9, 1, 2] }],
  ['leading zero index (Go Atoi)', { a: [1, 2] }, [{ op: 'add', path: '/a/01', value: 9 }], { a: [1, 9, 2] }],
  ['whole document', { a: 1 }, [{ op: 'add', path: '', value: { b: 2 } }], { b: 2 }],
  ['root array', [1], [{ op: 'add', path: '/0', value: 0 }], [0, 1]],
  ['numeric key on an object', { a: {} }, [{ op: 'add', path: '/a/0', value: 1 }], { a: { '0': 1 } }],
  ['__proto__ is an ordinary key', {}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }], JSON.parse('{"__proto__":{"polluted":true}}')],
  ['missing objects are created', { spec: {} }, [{ op: 'add', path: '/metadata/labels/app', value: 'x' }], { spec: {}, metadata: { labels: { app: 'x' } } }],
  ['missing array before "-"', { spec: {} }, [{ op: 'add', path: '/spec/tolerations/-', value: { key: 'k' } }], { spec: { tolerations: [{ key: 'k' }] } }],
  ['missing array before -1', {}, [{ op: 'add', path: '/a/-1', value: 'x' }], { a: ['x'] }],
  ['missing array padded with nulls up to the index', {}, [{ op: 'add', path: '/a/2', value: 'x' }], { a: [null, null, 'x'] }],
  ['index past an existing array end is padded', { a: [] }, [{ op: 'add', path: '/a/3/b', value: 'x' }], { a: [null, null, null, { b: 'x' }] }],
  ['missing array before index 0', { spec: {} }, [{ op: 'add', path: '/spec/tolerations/0', value: { key: 'k' } }], { spec: { tolerations: [{ key: 'k' }] } }],
  ['-1 on an existing list appends', { t: [{ k: 1 }, { k: 2 }] }, [{ op: 'add', path: '/t/-1', value: { k: 3 } }], { t: [{ k: 1 }, { k: 2 }, { k: 3 }] }],
  ['null parent is replaced by an object', { a: null }, [{ op: 'add', path: '/a/b', value: 1 }], { a: { b: 1 } }],
  ['null array element gets a container inserted before it', { a: [null] }, [{ op: 'add', path: '/a/0/b', value: 1 }], { a: [{ b: 1 }, null] }],
  [
    'node affinity: -1 as a parent index is the last element',
    { spec: { terms: [{ exprs: [{ key: 'a' }] }, { exprs: [{ key: 'b' }] }] } },
    [{ op: 'add', path: '/spec/terms/-1/exprs/-1', value: { key: 'c' } }],
    { spec: { terms: [{ exprs: [{ key: 'a' }] }, { exprs: [{ key: 'b' }, { key: 'c' }] }] } },
  ],
];

const removeCases: Case[] = [
  ['key', { a: 1, b: 2 }, [{ op: 'remove', path: '/a' }], { b: 2 }],
  ['array element', { a: [1, 2, 3] }, [{ op: 'remove', path: '/a/1' }], { a: [1, 3] }],
  ['negative index', { a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }], { a: [1, 2] }],
  ['missing key is a no-op', { a: 1 }, [{ op: 'remove', path: '/b' }], { a: 1 }],
  ['missing parent is a no-op', { a: 1 }, [{ op: 'remove', path: '/b/c/d' }], { a: 1 }],
  ['scalar parent is a no-op', { a: 1 }, [{ op: 'remove', path: '/a/c' }], { a: 1 }],
  ['index past the end is a no-op', { a: [1] }, [{ op: 'remove', path: '/a/1' }], { a: [1] }],
  ['negative index before the start is a no-op', { a: [1] }, [{ op: 'remove', path: '/a/-2' }], { a: [1] }],
  ['escaped key', { 'sidecar.istio.io/inject': 'true', x: 1 }, [{ op: 'remove', path: '/sidecar.istio.io~1inject' }], { x: 1 }],
];

const replaceCases: Case[] = [
  ['key', { a: 1 }, [{ op: 'replace', path: '/a', value: { b: 2 } }], { a: { b: 2 } }],
  ['with null', { a: 1 }, [{ op: 'replace', path: '/a', value: null }], { a: null }],
  ['array element', { a: [1, 2] }, [{ op: 'replace', path: '/a/0', value: 9 }], { a: [9, 2] }],
  ['negative index', { a: [1, 2] }, [{ op: 'replace', path: '/a/-1', value: 9 }], { a: [1, 9] }],
  ['whole document with an array', { a: 1 }, [{ op: 'replace', path: '', value: [1] }], [1]],
];

const moveCopyCases: Case[] = [
  ['move key', { a: 1, b: { c: 2 } }, [{ op: 'move', from: '/b/c', path: '/d' }], { a: 1, b: {}, d: 2 }],
  ['move within an array', { a: [1, 2, 3] }, [{ op: 'move', from: '/a/0', path: '/a/2' }], { a: [2, 3, 1] }],
  ['move to "-"', { a: [1, 2, 3], b: [] }, [{ op: 'move', from: '/a/1', path: '/b/-' }], { a: [1, 3], b: [2] }],
  ['move onto itself', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a' }], { a: { b: 1 } }],
  ['move replaces an existing key', { a: 1, b: 2 }, [{ op: 'move', from: '/a', path: '/b' }], { b: 1 }],
  ['copy key', { a: { x: [1] } }, [{ op: 'copy', from: '/a', path: '/b' }], { a: { x: [1] }, b: { x: [1] } }],
  ['copy into an array', { a: [1, 2] }, [{ op: 'copy', from: '/a/1', path: '/a/0' }], { a: [2, 1, 2] }],
  ['copy the whole document', { a: 1 }, [{ op: 'copy', from: '', path: '/b' }], { a: 1, b: { a: 1 } }],
];

const testCases: Case[] = [
  ['equal scalar', { a: 1 }, [{ op: 'test', path: '/a', value: 1 }], { a: 1 }],
  ['deep equality ignores key order', { a: { x: 1, y: [1, { z: 2 }] } }, [{ op: 'test', path: '/a', value: { y: [1, { z: 2 }], x: 1 } }], { a: { x: 1, y: [1, { z: 2 }] } }],
  ['whole document', { a: 1 }, [{ op: 'test', path: '', value: { a: 1 } }], { a: 1 }],
  ['null value', { a: null }, [{ op: 'test', path: '/a', value: null }], { a: null }],
  ['missing key equals null', { a: 1 }, [{ op: 'test', path: '/b', value: null }], { a: 1 }],
  ['negative index', { a: [1, 2] }, [{ op: 'test', path: '/a/-1', value: 2 }], { a: [1, 2] }],
  ['guards a later op', { a: 1 }, [{ op: 'test', path: '/a', value: 1 }, { op: 'replace', path: '/a', value: 2 }], { a: 2 }],
];

describe('applyJsonPatch: successes', () => {
  describe.each([
    ['add', addCases],
    ['remove', removeCases],
    ['replace', replaceCases],
    ['move/copy', moveCopyCases],
    ['test', testCases],
  ] as const)('%s', (_op, cases) => {
    test.each(cases)('%s', (_name, doc, ops, expected) => {
      expect(applied(doc, ops)).toEqual(expected);
    });
  });
});

describe('applyJsonPatch: failures', () => {
  test.each<[string, unknown, JsonPatchOp[], number, string]>([
    ['path without leading slash', { a: 1 }, [{ op: 'add', path: 'a', value: 1 }], 0, 'must be empty or start with "/"'],
    ['from without leading slash', { a: 1 }, [{ op: 'copy', from: 'a', path: '/b' }], 0, 'must be empty or start with "/"'],
    ['add past the array end', { a: [1] }, [{ op: 'add', path: '/a/2', value: 1 }], 0, 'index 2 is out of range'],
    ['add before the array start', { a: [1] }, [{ op: 'add', path: '/a/-3', value: 1 }], 0, 'index -3 is out of range'],
    ['add with a non-index token into an array', { a: [1] }, [{ op: 'add', path: '/a/x', value: 1 }], 0, '"x" is not a proper array index'],
    ['add below a scalar', { a: 'str' }, [{ op: 'add', path: '/a/b/c', value: 1 }], 0, 'cannot add below "/a"'],
    ['add into a scalar array element', { a: [1] }, [{ op: 'add', path: '/a/0/b', value: 1 }], 0, 'cannot add below "/a/0"'],
    ['add through "-" as a parent', { a: [] }, [{ op: 'add', path: '/a/-/b', value: 1 }], 0, 'doc is missing path "/a/-/b"'],
    ['add through a new array at index -2', {}, [{ op: 'add', path: '/a/-2', value: 1 }], 0, 'only -1 can address a new array'],
    ['add a scalar as the whole document', { a: 1 }, [{ op: 'add', path: '', value: 3 }], 0, 'must be an object or array'],
    ['add to a scalar document', 'str', [{ op: 'add', path: '/a', value: 3 }], 0, 'the document is not an object or array'],
    ['remove the whole document', { a: 1 }, [{ op: 'remove', path: '' }], 0, 'cannot remove the whole document'],
    ['remove with a non-index token', { a: [1] }, [{ op: 'remove', path: '/a/x' }], 0, '"x" is not an array index'],
    ['replace a missing key', { a: 1 }, [{ op: 'replace', path: '/b', value: 1 }], 0, 'missing key "b"'],
    ['replace below a missing parent', { a: 1 }, [{ op: 'replace', path: '/b/c', value: 1 }], 0, 'doc is missing path "/b/c"'],
    ['replace past the array end', { a: [1] }, [{ op: 'replace', path: '/a/1', value: 1 }], 0, 'index 1 is out of range'],
    ['replace the document with a scalar', { a: 1 }, [{ op: 'replace', path: '', value: null }], 0, 'must be an object or array'],
    ['move a missing value', { a: 1 }, [{ op: 'move', from: '/b', path: '/c' }], 0, 'from: missing key "b"'],
    ['move the whole document', { a: 1 }, [{ op: 'move', from: '', path: '/c' }], 0, 'cannot move the whole document'],
    ['move into its own child', { a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/c' }], 0, 'doc is missing path "/a/c"'],
    ['move creates no parents', { a: 1 }, [{ op: 'move', from: '/a', path: '/x/y' }], 0, 'doc is missing path "/x/y"'],
    ['copy from past the array end', { a: [1] }, [{ op: 'copy', from: '/a/5', path: '/b' }], 0, 'from: index 5 is out of range'],
    ['copy creates no parents', { a: 1 }, [{ op: 'copy', from: '/a', path: '/x/y' }], 0, 'doc is missing path "/x/y"'],
    ['test fails on a different value', { a: 1 }, [{ op: 'test', path: '/a', value: '1' }], 0, 'value is 1, not "1"'],
    ['test fails on a missing key with a value', { a: 1 }, [{ op: 'test', path: '/b', value: 1 }], 0, 'value is null, not 1'],
    ['test fails on a non-null value against null', { a: 1 }, [{ op: 'test', path: '/a', value: null }], 0, 'value is 1, not null'],
    ['test of an index past the end', { a: [1] }, [{ op: 'test', path: '/a/1', value: null }], 0, 'index 1 is out of range'],
    ['test below a missing parent', { a: 1 }, [{ op: 'test', path: '/b/c', value: null }], 0, 'doc is missing path "/b/c"'],
    [
      'stops at the first failure and reports its index',
      { a: 1 },
      [{ op: 'add', path: '/b', value: 2 }, { op: 'remove', path: '/zz' }, { op: 'replace', path: '/c', value: 3 }, { op: 'add', path: '/d', value: 4 }],
      2,
      'replace operation at "/c" failed',
    ],
  ])('%s', (_name, doc, ops, index, message) => {
    const result = applyJsonPatch(deepFreeze(doc), deepFreeze(ops));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.index).toBe(index);
    expect(result.op).toBe(ops[index]);
    expect(result.message).toContain(message);
  });
});

describe('applyJsonPatch: copy-on-write', () => {
  const doc = deepFreeze({ metadata: { name: 'p', labels: { a: 'b' } }, spec: { containers: [{ name: 'c0' }, { name: 'c1' }], volumes: [{ name: 'v' }] } });

  test('untouched subtrees keep their identity; touched paths are new objects', () => {
    const result = applyJsonPatch(doc, [{ op: 'add', path: '/spec/containers/1/image', value: 'nginx' }]);
    if (!result.ok) throw new Error(result.message);
    const value = result.value as typeof doc & { spec: { containers: Record<string, unknown>[] } };
    expect(value).not.toBe(doc);
    expect(value.metadata).toBe(doc.metadata);
    expect(value.spec.volumes).toBe(doc.spec.volumes);
    expect(value.spec.containers[0]).toBe(doc.spec.containers[0]);
    expect(value.spec.containers[1]).toEqual({ name: 'c1', image: 'nginx' });
    expect(doc.spec.containers[1]).toEqual({ name: 'c1' });
  });

  test.each<[string, JsonPatchOp[]]>([
    ['no ops', []],
    ['remove of a missing key', [{ op: 'remove', path: '/metadata/annotations/x' }]],
    ['remove of a missing parent', [{ op: 'remove', path: '/status/x' }]],
    ['remove past the array end', [{ op: 'remove', path: '/spec/volumes/3' }]],
    ['a passing test', [{ op: 'test', path: '/metadata/name', value: 'p' }]],
  ])('%s returns the very same document', (_name, ops) => {
    expect(applyJsonPatch(doc, ops)).toEqual({ ok: true, value: doc });
    const result = applyJsonPatch(doc, ops);
    expect(result.ok && result.value).toBe(doc);
  });
});

describe('parseJson6902 + applyJsonPatch on a policy text', () => {
  test('add-capabilities style patch with a YAML list', () => {
    const parsed = parseJson6902('- path: /spec/containers/0/securityContext/capabilities/add/-\n  op: add\n  value: SETFCAP');
    if (!parsed.ok) throw new Error(parsed.message);
    const pod = { spec: { containers: [{ name: 'c', securityContext: { runAsNonRoot: true } }] } };
    expect(applied(pod, parsed.ops)).toEqual({ spec: { containers: [{ name: 'c', securityContext: { runAsNonRoot: true, capabilities: { add: ['SETFCAP'] } } }] } });
  });
});
