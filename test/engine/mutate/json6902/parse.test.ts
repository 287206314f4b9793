import { parseJson6902 } from '../../../../src/engine/mutate/json6902/index.js';

describe('parseJson6902: accepted texts', () => {
  test.each([
    [
      'YAML list (add-tolerations policy)',
      '- op: add\n  path: "/spec/tolerations/-"\n  value:\n    key: org.com/role\n    operator: Equal\n    value: service\n    effect: NoSchedule',
      [{ op: 'add', path: '/spec/tolerations/-', value: { key: 'org.com/role', operator: 'Equal', value: 'service', effect: 'NoSchedule' } }],
    ],
    [
      'YAML with path before op, remove without value',
      '- path: /spec/volumes/2\n  op: remove\n- path: /spec/containers/0/volumeMounts/1\n  op: remove',
      [{ op: 'remove', path: '/spec/volumes/2' }, { op: 'remove', path: '/spec/containers/0/volumeMounts/1' }],
    ],
    [
      'JSON list',
      '[{"op":"replace","path":"/a","value":[1,2]},{"op":"move","from":"/a","path":"/b"},{"op":"copy","from":"/b","path":"/c"}]',
      [{ op: 'replace', path: '/a', value: [1, 2] }, { op: 'move', from: '/a', path: '/b' }, { op: 'copy', from: '/b', path: '/c' }],
    ],
    ['YAML flow list', '[ ]', []],
    ['YAML flow items', '- {op: test, path: /a, value: 1}', [{ op: 'test', path: '/a', value: 1 }]],
    ['test without value compares with null', '- op: test\n  path: /a', [{ op: 'test', path: '/a', value: null }]],
    ['null value is a value', '- op: add\n  path: /a\n  value: null', [{ op: 'add', path: '/a', value: null }]],
    ['unknown fields are ignored', '- op: remove\n  path: /a\n  value: 3\n  comment: x', [{ op: 'remove', path: '/a' }]],
    ['YAML 1.1 booleans', '- op: add\n  path: /a\n  value: [yes, off, "yes"]', [{ op: 'add', path: '/a', value: [true, false, 'yes'] }]],
    ['timestamps stay strings', '- op: add\n  path: /a\n  value: 2024-01-01', [{ op: 'add', path: '/a', value: '2024-01-01' }]],
    ['numbers', '- op: add\n  path: /a\n  value: [1, 1.5, -3, 0x10]', [{ op: 'add', path: '/a', value: [1, 1.5, -3, 16] }]],
    ['leading whitespace before JSON goes through YAML', '  [{"op": "remove", "path": "/x"}]', [{ op: 'remove', path: '/x' }]],
    ['path syntax is checked when applying', '- op: remove\n  path: no-slash', [{ op: 'remove', path: 'no-slash' }]],
  ])('%s', (_name, text, ops) => {
    expect(parseJson6902(text)).toEqual({ ok: true, ops });
  });
});

describe('parseJson6902: rejected texts', () => {
  test.each([
    ['empty', '', 'patchesJson6902: empty'],
    ['blank', '  \n', 'patchesJson6902: empty'],
    ['a map', 'op: add\npath: /a\nvalue: 1', 'patchesJson6902: expected a list of operations, got an object'],
    ['a scalar', 'hello', 'patchesJson6902: expected a list of operations, got string "hello"'],
    ['bad YAML', '- op: add\n  path: [', 'patchesJson6902: cannot decode YAML'],
    ['bad JSON', '[{"op": "add",]', 'patchesJson6902: cannot decode JSON'],
    ['item not an object', '- remove', 'patchesJson6902[0]: expected an operation object, got string "remove"'],
    ['missing op', '- path: /a', 'patchesJson6902[0]: missing "op"'],
    ['op not a string', '- op: 1\n  path: /a', 'patchesJson6902[0]: "op" must be a string, got number 1'],
    ['unknown op', '- op: merge\n  path: /a', 'patchesJson6902[0]: unsupported operation "merge"'],
    ['op names are case sensitive', '- op: Add\n  path: /a\n  value: 1', 'patchesJson6902[0]: unsupported operation "Add"'],
    ['missing path', '- op: remove', 'patchesJson6902[0]: missing "path"'],
    ['path not a string', '- op: remove\n  path: 3', 'patchesJson6902[0]: "path" must be a string, got number 3'],
    ['add without value', '- op: remove\n  path: /a\n- op: remove\n  path: /b\n- op: add\n  path: /c', 'patchesJson6902[2]: missing "value"'],
    ['replace without value', '- op: replace\n  path: /c', 'patchesJson6902[0]: missing "value"'],
    ['move without from', '- op: move\n  path: /c', 'patchesJson6902[0]: missing "from"'],
    ['copy with a list as from', '- op: copy\n  from: [a]\n  path: /c', 'patchesJson6902[0]: "from" must be a string, got a list'],
    ['infinite number', '- op: add\n  path: /a\n  value: {x: .inf}', 'patchesJson6902: [0].value.x: Infinity is not a JSON number'],
  ])('%s', (_name, text, message) => {
    const result = parseJson6902(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
