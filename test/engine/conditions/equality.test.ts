import { holds } from './helpers.js';

type Row = [key: unknown, value: unknown, equals: boolean];

// Each row is checked with Equals, Equal (deprecated) and, negated, NotEquals / NotEqual.
const rows: Row[] = [
  // strings and wildcards (the value is the pattern)
  ['string', 'string', true],
  ['string', 'not string', false],
  ['', '', true],
  ['', '*', true],
  ['abc', 'a*', true],
  ['abc', 'a?c', true],
  ['abc', 'a?', false],
  ['a*', 'abc', false],
  ['1.5.2', '1.5.2', true],
  ['1.5.2', '1.5.*', true],
  ['1.5.0', '1.5.5', false],
  ['CREATE', 'create', false],
  // numbers (float64) and numeric strings
  [1, 1, true],
  [1, 2, false],
  [1.5, 1.5, true],
  [1, 1.0, true],
  [1, '1', true],
  [1, '1.0', true],
  [1, '2', false],
  [1.5, '1.5', true],
  [1, 'one', false],
  [1, ' 1', false],
  [1000, '1e3', true],
  [1, true, false],
  [1, null, false],
  [1, [1], false],
  // a numeric string key against a number is not coerced (only durations are)
  ['1', 1, false],
  ['string', 1, false],
  // booleans
  [true, true, true],
  [false, false, true],
  [true, false, false],
  [true, 'true', false],
  [false, 'false', false],
  [false, 0, false],
  // quantities
  ['1024', '1Ki', true],
  ['1Ki', '1024', true],
  ['1Gi', '1Gi', true],
  ['1Gi', '1024Mi', true],
  ['1Gi', '10Gi', false],
  ['10Gi', '1024Mi', false],
  ['100m', '0.1', true],
  ['500m', '0.5', true],
  ['1', '1.0', true],
  // a quantity key only compares with quantities: no wildcard fallback
  ['1', '1*', false],
  ['10', '1?', false],
  ['1Gi', 'big', false],
  // durations, including seconds given as numbers
  ['1h', '1h', true],
  ['1h', '60m', true],
  ['1h', '3600s', true],
  ['1h', '5h', false],
  ['1h', '30m', false],
  ['1h', 3600, true],
  ['2h', 3600, false],
  ['1h', 3600.9, true], // seconds are truncated to whole seconds
  ['10m', '600s', true], // duration wins over the milli quantity reading
  ['1h', 'abc', false],
  // maps and arrays compare deeply
  [{ foo: 'bar' }, { foo: 'bar' }, true],
  [{ foo: 'bar' }, { bar: 'foo' }, false],
  [{ a: { b: [1, 2] } }, { a: { b: [1, 2] } }, true],
  [{ a: 1 }, { a: 1, b: 2 }, false],
  [['foo', 'bar'], ['foo', 'bar'], true],
  [['foo', 'bar'], ['bar', 'foo'], false],
  [[{ foo: 'bar' }], [{ foo: 'bar' }], true],
  [[{ foo: 'bar' }], [{ bar: 'foo' }], false],
  [[], [], true],
  [{ foo: 'bar' }, 'foo', false],
  [['foo'], 'foo', false],
  // null / missing keys never equal anything
  [null, null, false],
  [null, '', false],
  [undefined, undefined, false],
];

describe('Equals / NotEquals', () => {
  it.each(rows)('%p vs %p', (key, value, equals) => {
    expect(holds(key, 'Equals', value)).toBe(equals);
    expect(holds(key, 'Equal', value)).toBe(equals);
    expect(holds(key, 'NotEquals', value)).toBe(!equals);
    expect(holds(key, 'NotEqual', value)).toBe(!equals);
  });
});
