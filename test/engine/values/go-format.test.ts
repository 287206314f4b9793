import { formatFloat32, formatNumberE, formatNumberF, goFormatFloat, toPlainDecimal } from '../../../src/engine/values/index.js';

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

describe('formatFloat32 and toPlainDecimal', () => {
  test.each<[number, string]>([
    [1, '1'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [123456789, '123456790'],
    [1e21, '1000000000000000000000'],
    [-2.25, '-2.25'],
    [16777217, '16777216'],
  ])('float32 %s -> %s', (n, text) => {
    expect(formatFloat32(n)).toBe(text);
  });

  test.each<[string, string]>([
    ['1e+21', '1000000000000000000000'],
    ['1.5e-7', '0.00000015'],
    ['12', '12'],
  ])('plain %s -> %s', (text, plain) => {
    expect(toPlainDecimal(text)).toBe(plain);
  });
});


describe('formatNumberF / formatNumberE (int64 as decimal, float64 as %f / E)', () => {
  test.each<[number, string, string]>([
    [5, '5', '5'],
    [-3, '-3', '-3'],
    [1e21, '1000000000000000000000', '1000000000000000000000'],
    [1.5, '1.500000', '1.5E+00'],
    [0.001, '0.001000', '1E-03'],
    [-123.25, '-123.250000', '-1.2325E+02'],
    [NaN, 'NaN', 'NaN'],
    [Infinity, '+Inf', '+Inf'],
    [-Infinity, '-Inf', '-Inf'],
  ])('%p -> %s / %s', (n, f, e) => {
    expect(formatNumberF(n)).toBe(f);
    expect(formatNumberE(n)).toBe(e);
  });
});
