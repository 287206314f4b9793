import { formatQuantity, parseQuantity, quantityToFloat } from '../../../../src/engine/jmespath/lib/quantity.js';

describe('quantities', () => {
  test.each<[string, string, number]>([
    ['0', '0', 0],
    ['1', '1', 1],
    ['1500', '1500', 1500],
    ['2000', '2k', 2000],
    ['500m', '500m', 0.5],
    ['0.5', '500m', 0.5],
    ['.5', '500m', 0.5],
    ['1.5', '1500m', 1.5],
    ['1Ki', '1Ki', 1024],
    ['1024Ki', '1Mi', 1048576],
    ['1.5Gi', '1536Mi', 1610612736],
    ['0.5Ki', '512', 512],
    ['1000Ki', '1000Ki', 1024000],
    ['1e3', '1e3', 1000],
    ['1E3', '1e3', 1000],
    ['1.5e3', '1500', 1500],
    ['-1Ki', '-1Ki', -1024],
    ['+5', '5', 5],
    ['007', '7', 7],
    ['100n', '100n', 1e-7],
    ['1.0000000001', '1000000001n', 1.000000001],
    ['5M', '5M', 5e6],
    ['1E', '1E', 1e18],
    // apimachinery reads a missing numerator as zero.
    ['Ki', '0', 0],
    ['.', '0', 0],
  ])('%s parses and prints as %s', (text, canonical, value) => {
    const q = parseQuantity(text);
    expect(q).toBeDefined();
    if (!q) return;
    expect(formatQuantity(q)).toBe(canonical);
    expect(quantityToFloat(q)).toBeCloseTo(value, 12);
  });

  test.each(['', '1h', '13s', '1m30s', '5x', '1Kib', '1e', '1.2.3', 'abc', '--1', '1 Gi'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});
