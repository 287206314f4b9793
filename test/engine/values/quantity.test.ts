import {
  addQuantities,
  compareQuantities,
  divideQuantity,
  formatQuantity,
  multiplyQuantity,
  parseQuantity,
  quantityToDecimalString,
  quantityToFloat,
  subtractQuantities,
} from '../../../src/engine/values/index.js';

function q(s: string) {
  const parsed = parseQuantity(s);
  if (parsed === undefined) throw new Error(`test quantity ${s} does not parse`);
  return parsed;
}

describe('parseQuantity', () => {
  it.each([
    ['1', '1', 'DecimalSI'],
    ['1.5', '1.5', 'DecimalSI'],
    ['500m', '0.5', 'DecimalSI'],
    ['1m', '0.001', 'DecimalSI'],
    ['250u', '0.00025', 'DecimalSI'],
    ['3n', '0.000000003', 'DecimalSI'],
    ['2k', '2000', 'DecimalSI'],
    ['1M', '1000000', 'DecimalSI'],
    ['1G', '1000000000', 'DecimalSI'],
    ['1E', '1000000000000000000', 'DecimalSI'],
    ['100Ki', '102400', 'BinarySI'],
    ['1Mi', '1048576', 'BinarySI'],
    ['1Gi', '1073741824', 'BinarySI'],
    ['1.5Gi', '1610612736', 'BinarySI'],
    ['0.1Ki', '102.4', 'BinarySI'],
    ['1e3', '1000', 'DecimalExponent'],
    ['1E3', '1000', 'DecimalExponent'],
    ['1.5e-3', '0.0015', 'DecimalExponent'],
    ['-2', '-2', 'DecimalSI'],
    ['+7', '7', 'DecimalSI'],
    ['.5', '0.5', 'DecimalSI'],
    ['0', '0', 'DecimalSI'],
    ['1000.000', '1000', 'DecimalSI'],
    // apimachinery reads a missing number as zero.
    ['Gi', '0', 'BinarySI'],
    ['.', '0', 'DecimalSI'],
    // Finer than a nano unit rounds up (away from zero), as apimachinery does.
    ['0.0000000001', '0.000000001', 'DecimalSI'],
    ['-0.0000000001', '-0.000000001', 'DecimalSI'],
  ])('%s = %s (%s)', (input, decimal, format) => {
    const parsed = q(input);
    expect(quantityToDecimalString(parsed)).toBe(decimal);
    expect(parsed.format).toBe(format);
  });

  it.each(['', 'abc', '1K', '1 Gi', '1Gb', '1.2.3', '--1', '1e', '1ki', ' 1', '1s', '0x10', '1e1001', '1e-1001'])('rejects %j', (input) => {
    expect(parseQuantity(input)).toBeUndefined();
  });
});

describe('compareQuantities', () => {
  it.each([
    ['1Gi', '1024Mi', 0],
    ['1G', '1Gi', -1],
    ['500m', '0.5', 0],
    ['0.1', '100m', 0],
    ['1001m', '1', 1],
    ['1e3', '1k', 0],
    ['100Mi', '1Gi', -1],
    ['2', '1999m', 1],
    ['-1', '0', -1],
    ['1n', '0', 1],
    ['0.000000001', '1n', 0],
  ] as const)('%s vs %s -> %d', (a, b, expected) => {
    expect(compareQuantities(q(a), q(b))).toBe(expected);
    expect(compareQuantities(q(b), q(a))).toBe(-expected || 0);
  });
});

describe('quantity arithmetic', () => {
  it('adds exactly across suffix families', () => {
    expect(quantityToDecimalString(addQuantities(q('100m'), q('0.2')))).toBe('0.3');
    expect(quantityToDecimalString(addQuantities(q('1Gi'), q('1G')))).toBe('2073741824');
  });
  it('subtracts and multiplies exactly', () => {
    expect(quantityToDecimalString(subtractQuantities(q('1'), q('900m')))).toBe('0.1');
    expect(quantityToDecimalString(multiplyQuantity(q('1.5'), q('200m').value))).toBe('0.3');
  });
  it('keeps the receiver format unless the receiver is zero', () => {
    expect(formatQuantity(addQuantities(q('1Gi'), q('512Mi')))).toBe('1536Mi');
    expect(formatQuantity(addQuantities(q('0'), q('512Mi')))).toBe('512Mi');
    expect(formatQuantity(subtractQuantities(q('1'), q('1Ki')))).toBe('-1023');
  });
  it('divides, truncating toward zero at the finer scale', () => {
    expect(formatQuantity(divideQuantity(q('1'), q('3').value))).toBe('0');
    expect(formatQuantity(divideQuantity(q('1.000'), q('3').value))).toBe('333m');
    expect(formatQuantity(divideQuantity(q('10Gi'), q('4').value))).toBe('2560Mi');
  });
  it('converts to a float', () => {
    expect(quantityToFloat(q('250m'))).toBeCloseTo(0.25);
    expect(quantityToFloat(q('2Ki'))).toBe(2048);
  });
});

describe('formatQuantity (canonical Quantity.String)', () => {
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
    ['Ki', '0', 0],
    ['.', '0', 0],
  ])('%s parses and prints as %s', (text, canonical, value) => {
    const parsed = q(text);
    expect(formatQuantity(parsed)).toBe(canonical);
    expect(quantityToFloat(parsed)).toBeCloseTo(value, 12);
  });

  test.each(['1h', '13s', '1m30s', '5x', '1Kib'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});
