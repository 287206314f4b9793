import { goParseFloat } from '../../../src/engine/values/index.js';

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
