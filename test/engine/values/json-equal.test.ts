import { deepEqualJson } from '../../../src/engine/values/index.js';

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
