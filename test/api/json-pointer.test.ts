import { escapePointerToken, formatPointer, parsePointer, unescapePointerToken } from '../../src/api/json-pointer.js';

describe('escapePointerToken / unescapePointerToken', () => {
  test.each([
    ['plain', 'plain'],
    ['', ''],
    ['a/b', 'a~1b'],
    ['a~b', 'a~0b'],
    ['~/', '~0~1'],
    ['/~', '~1~0'],
    ['~1', '~01'],
    ['sidecar.istio.io/inject', 'sidecar.istio.io~1inject'],
  ])('%j <-> %j', (raw, escaped) => {
    expect(escapePointerToken(raw)).toBe(escaped);
    expect(unescapePointerToken(escaped)).toBe(raw);
  });

  test.each([
    ['~2', '~2'],
    ['a~', 'a~'],
    ['~~1', '~/'],
  ])('lenient decoding of %j gives %j', (escaped, raw) => {
    expect(unescapePointerToken(escaped)).toBe(raw);
  });
});

describe('parsePointer', () => {
  test.each([
    ['', []],
    ['/', ['']],
    ['/a', ['a']],
    ['/a/b/0', ['a', 'b', '0']],
    ['/a//b', ['a', '', 'b']],
    ['/a/', ['a', '']],
    ['/metadata/annotations/sidecar.istio.io~1inject', ['metadata', 'annotations', 'sidecar.istio.io/inject']],
    ['/a~0b/~01', ['a~b', '~1']],
    ['/spec/containers/-', ['spec', 'containers', '-']],
  ])('%j -> %j', (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual({ ok: true, tokens });
  });

  test.each(['a', 'a/b', '#/a', ' /a'])('%j does not start with "/"', (pointer) => {
    const result = parsePointer(pointer);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('must be empty or start with "/"');
  });
});

describe('formatPointer', () => {
  test.each([
    [[], ''],
    [[''], '/'],
    [['spec', 'containers', 2], '/spec/containers/2'],
    [['metadata', 'annotations', 'sidecar.istio.io/inject'], '/metadata/annotations/sidecar.istio.io~1inject'],
    [['a~b', '~1'], '/a~0b/~01'],
  ] as const)('%j -> %j', (tokens, pointer) => {
    expect(formatPointer(tokens)).toBe(pointer);
    const parsed = parsePointer(pointer);
    expect(parsed).toEqual({ ok: true, tokens: tokens.map(String) });
  });
});
