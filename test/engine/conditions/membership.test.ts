import { holds } from './helpers.js';

const IPS = ['1.1.1.1', '2.2.2.2', '3.3.3.3'];

/** Expected results for [AnyIn, AllIn, AnyNotIn, AllNotIn]. */
type Row = [key: unknown, value: unknown, expected: [anyIn: boolean, allIn: boolean, anyNotIn: boolean, allNotIn: boolean]];

const rows: Row[] = [
  // scalar keys: Any and All agree, NotIn is the negation
  ['1.1.1.1', IPS, [true, true, false, false]],
  ['5.5.5.5', IPS, [false, false, true, true]],
  ['1.1.1.1', ['1*'], [true, true, false, false]],
  ['1*', IPS, [true, true, false, false]],
  [1, [1, 2, 3], [true, true, false, false]],
  [5, [1, 2, 3], [false, false, true, true]],
  [1.5, [1, 1.5, 2, 3], [true, true, false, false]],
  [5.5, [1, 1.5, 2, 3], [false, false, true, true]],
  ['1', [1, 2], [true, true, false, false]], // elements are stringified
  [1, ['1', '2'], [true, true, false, false]],
  [true, ['true'], [true, true, false, false]],
  [false, [true], [false, false, true, true]],
  [1000000, ['1e+06'], [true, true, false, false]], // Go prints large floats in exponent form
  [1000000, ['1000000'], [false, false, true, true]],
  // no keys against a list: no "any" holds, every "all" does, whatever the list holds
  [[], ['AUDIT_WRITE', 'CHOWN'], [false, true, false, true]],
  [[], [], [false, true, false, true]],
  [[], [{ nested: true }, null], [false, true, false, true]],
  // scalar key, string value: single item (value as pattern), JSON list, range
  ['CREATE', 'CREATE', [true, true, false, false]],
  ['CREATE', 'UPDATE', [false, false, true, true]],
  ['kube-system', 'kube-*', [true, true, false, false]],
  ['kube-*', 'kube-system', [false, false, true, true]],
  ['b', '["a","b"]', [true, true, false, false]],
  ['c', '["a","b"]', [false, false, true, true]],
  ['a*', '["abc"]', [false, false, true, true]], // JSON lists compare exactly
  ['x', 'null', [false, false, true, true]],
  ['5', '1-10', [true, true, false, false]],
  [5, '1-10', [true, true, false, false]],
  [5.5, '6-10', [false, false, true, true]],
  ['5', '1-6', [true, true, false, false]],
  ['8080', '8000-9000', [true, true, false, false]],
  ['1.5Gi', '1Gi-2Gi', [true, true, false, false]],
  ['3Gi', '1Gi-2Gi', [false, false, true, true]],
  ['90m', '1h-2h', [true, true, false, false]],
  ['abc', '1-10', [false, false, true, true]],
  ['1-10', '1-10', [true, true, false, false]],
  // Ranges go to Kyverno's pattern validator, whose range regex accepts a negative lower bound.
  ['0', '-5-10', [true, true, false, false]],
  ['-6', '-5-10', [false, false, true, true]],
  // unusable values make every operator false, the negated ones too
  ['6', '5', [false, false, false, false]], // valid JSON that is not a list of strings
  ['x', '[1,2]', [false, false, false, false]],
  ['x', '{"a":"b"}', [false, false, false, false]],
  ['1', 1, [false, false, false, false]],
  ['x', null, [false, false, false, false]],
  ['x', { x: 1 }, [false, false, false, false]],
  ['true', true, [false, false, false, false]],
  // keys that cannot be looked up
  [null, ['a'], [false, false, false, false]],
  [undefined, ['a'], [false, false, false, false]],
  [{ a: 1 }, ['a'], [false, false, false, false]],
  // array keys against arrays
  [['1.1.1.1', '2.2.2.2'], IPS, [true, true, false, false]],
  [['1.1.1.1', '5.5.5.5'], IPS, [true, false, true, false]],
  [['4.4.4.4', '5.5.5.5'], IPS, [false, false, true, true]],
  [['1.1.1.1', '5.5.5.5'], ['1.1.1.1'], [true, false, true, false]],
  [[1, 2], [1, 2, 3, 4], [true, true, false, false]],
  [[1, 5], [1, 2, 3, 4], [true, false, true, false]],
  [[5], [1, 2, 3, 4], [false, false, true, true]],
  [['1*'], IPS, [true, true, false, false]],
  [['5*'], IPS, [false, false, true, true]],
  [['1.1.1.1', '2.2.2.2', '5.5.5.5'], ['2*'], [true, false, true, false]],
  [['2.1.1.1', '2.2.2.2', '2.5.5.5'], ['2*'], [true, true, false, false]],
  [['1.1.1.1', '2.2.2.2', '5.5.5.5'], ['4*'], [false, false, true, true]],
  [['7*', '6*', '5*'], IPS, [false, false, true, true]],
  [['1*', '2*'], IPS, [true, true, false, false]],
  [['1*', '3*', '5*'], IPS, [true, false, true, false]],
  [['2.2*'], ['2.2.2.2'], [true, true, false, false]],
  [['1.1.1.1', '4.4.4.4', '1.1.1.1'], [...IPS, '1.1.1.1', '4.4.4.4'], [true, true, false, false]],
  [[], IPS, [false, true, false, true]], // empty key: nothing is in, everything (vacuously) is
  [['a'], [], [false, false, true, true]],
  // array keys against a number
  [[1, 5], 5, [true, false, true, false]],
  // array keys against a string: single item, JSON list, plain item, range
  [['CREATE'], 'CREATE', [true, true, false, false]],
  [['1.1.1.1', '5.5.5.5'], '1.1.1.1', [true, false, true, false]],
  [['1.1.1.1', '5.5.5.5'], '5.5.5.5', [true, false, true, false]],
  [['5.5.5.5', '4.4.4.4'], '4.4.4.4', [true, false, true, false]],
  [['1.1.1.1', '4.4.4.4'], '2.2.2.2', [false, false, true, true]],
  [['a', 'b'], '["a","b","c"]', [true, true, false, false]],
  [['a', 'x'], '["a","b","c"]', [true, false, true, false]],
  [['5'], '1-3', [false, false, true, true]],
  [[1, 5], '7-10', [false, false, true, true]],
  [[1, 5], '0-10', [true, true, false, false]],
  [[1.002, 1.222], '1.001-10', [true, true, false, false]],
  [[3, 2], '1-10', [true, true, false, false]],
  [[3, 2], '5-10', [false, false, true, true]],
  [[2, 6], '5-10', [true, false, true, false]],
  [[1, 5, 11], '0-10', [true, false, true, false]],
  [[1, 5, 7], '0-10', [true, true, false, false]],
  [['80', '443'], '1-1024', [true, true, false, false]],
  // array keys against unusable values
  [['a'], true, [false, false, false, false]],
  [['a'], null, [false, false, false, false]],
  [['a'], { a: 1 }, [false, false, false, false]],
  [['a'], '[1]', [false, false, false, false]],
];

describe('AnyIn / AllIn / AnyNotIn / AllNotIn', () => {
  it.each(rows)('%p vs %p', (key, value, [anyIn, allIn, anyNotIn, allNotIn]) => {
    expect(holds(key, 'AnyIn', value)).toBe(anyIn);
    expect(holds(key, 'AllIn', value)).toBe(allIn);
    expect(holds(key, 'AnyNotIn', value)).toBe(anyNotIn);
    expect(holds(key, 'AllNotIn', value)).toBe(allNotIn);
  });
});

/** Expected results for the deprecated [In, NotIn]. */
type LegacyRow = [key: unknown, value: unknown, expected: [inResult: boolean, notIn: boolean]];

const legacyRows: LegacyRow[] = [
  [1, [1, 2, 3], [true, false]],
  [5, [1, 2, 3], [false, true]],
  [1.5, [1, 1.5, 2, 3], [true, false]],
  [5.5, [1, 1.5, 2, 3], [false, true]],
  ['1', ['1', '2', '3'], [true, false]],
  ['5', ['1', '2', '3'], [false, true]],
  ['1.1.1.1', ['1*'], [true, false]],
  ['CREATE', 'CREATE', [true, false]],
  ['CREATE', 'CRE*', [true, false]],
  ['b', '["a","b"]', [true, false]],
  ['c', '["a","b"]', [false, true]],
  // no plain-item fallback and no ranges for the deprecated operators
  ['CREATE', 'UPDATE', [false, false]],
  ['5', '1-10', [false, false]],
  ['x', 1, [false, false]],
  // array keys: exact membership, values must all be strings
  [['1.1.1.1', '2.2.2.2'], IPS, [true, false]],
  [['1.1.1.1', '4.4.4.4'], IPS, [false, true]],
  [['1*'], IPS, [false, true]],
  [['a'], 'a', [true, false]],
  [['a', 'b'], '["a","b","c"]', [true, false]],
  [['a', 'z'], '["a","b","c"]', [false, true]],
  [['a', 'b'], 'a', [false, false]],
  [['1'], [1, 2], [false, false]],
  [[], IPS, [true, false]],
  [null, IPS, [false, false]],
];

describe('In / NotIn (deprecated)', () => {
  it.each(legacyRows)('%p vs %p', (key, value, [inResult, notIn]) => {
    expect(holds(key, 'In', value)).toBe(inResult);
    expect(holds(key, 'NotIn', value)).toBe(notIn);
  });
});
