import { goJson, goSprint } from '../../../src/engine/values/index.js';

describe('goSprint', () => {
  it.each([
    ['text', 'text'],
    [true, 'true'],
    [false, 'false'],
    [null, '<nil>'],
    [undefined, '<nil>'],
    [8080, '8080'],
    [['a', 1, true], '[a 1 true]'],
    [{ b: 1, a: 'x' }, 'map[a:x b:1]'],
  ])('%p -> %s', (value, expected) => {
    expect(goSprint(value)).toBe(expected);
  });
});

describe('goJson (encoding/json)', () => {
  test.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['integer', 5, '5'],
    ['float', -5.5, '-5.5'],
    ['large float uses an exponent', 1e21, '1e+21'],
    ['small float', 1e-7, '1e-7'],
    ['keys sorted', { b: 1, a: { d: [true], c: null } }, '{"a":{"c":null,"d":[true]},"b":1}'],
    ['html escaped', '<a href="x">&', '"\\u003ca href=\\"x\\"\\u003e\\u0026"'],
    ['line separators escaped', '\u2028\u2029', '"\\u2028\\u2029"'],
  ])('%s', (_name, value, expected) => {
    expect(goJson(value)).toBe(expected);
  });
});
