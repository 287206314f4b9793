import { deepEqualJson, goFormatFloat, goParseFloat, goSprint } from '../../../src/engine/conditions/go-values.js';

describe('goFormatFloat (fmt %v of a float64)', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-1, '-1'],
    [1.5, '1.5'],
    [123456, '123456'],
    [999999, '999999'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [1e21, '1e+21'],
    [1.5e100, '1.5e+100'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.000123, '0.000123'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%p -> %s', (n, expected) => {
    expect(goFormatFloat(n)).toBe(expected);
  });
});

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

describe('goParseFloat (strconv.ParseFloat)', () => {
  it.each([
    ['1', 1],
    ['-1.5', -1.5],
    ['+2', 2],
    ['1.', 1],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['', undefined],
    [' 1', undefined],
    ['1 ', undefined],
    ['0x10', undefined], // hex needs a p exponent
    ['0x1p4', 16],
    ['0x1.8p1', 3],
    ['-0x10p-4', -1],
    ['1_000', 1000],
    ['1_000.5', 1000.5],
    ['_1', undefined],
    ['1__0', undefined],
    ['1_', undefined],
    ['1_.5', undefined],
    ['1e_5', undefined],
    ['0x_1p0', 1],
    ['1Gi', undefined],
    ['1e400', undefined],
    ['.', undefined],
    ['e5', undefined],
  ])('%p', (input, expected) => {
    expect(goParseFloat(input)).toBe(expected);
  });

  it('parses NaN', () => {
    expect(goParseFloat('NaN')).toBeNaN();
  });
});

describe('deepEqualJson', () => {
  it.each([
    [{ a: [1, { b: null }] }, { a: [1, { b: null }] }, true],
    [{ a: 1 }, { b: 1 }, false],
    [{ a: undefined }, {}, false],
    [[1, 2], [1, 2, 3], false],
    [[], {}, false],
    ['1', 1, false],
    [null, null, true],
    [NaN, NaN, false],
  ])('%p vs %p', (a, b, expected) => {
    expect(deepEqualJson(a, b)).toBe(expected);
  });
});
