import { BIGGER, NEVER, orderResults, SAME, SMALLER, type OrderRow } from './helpers.js';

const OPERATORS = ['DurationGreaterThan', 'DurationGreaterThanOrEquals', 'DurationLessThan', 'DurationLessThanOrEquals'] as const;

const rows: OrderRow[] = [
  ['1h', '30m', BIGGER],
  ['30m', '1h', SMALLER],
  ['1h', '60m', SAME],
  ['1h30m', '90m', SAME],
  ['1.5h', '90m', SAME],
  ['500ms', '1s', SMALLER],
  ['-1h', '0s', SMALLER],
  ['0', '0s', SAME], // unlike Equals/GreaterThan, "0" is a valid duration here
  ['1h', 3600, SAME],
  ['1h', 1800, BIGGER],
  [3600, '1h', SAME],
  [7200, 3600, BIGGER],
  [1.9, 1, SAME], // seconds truncate to whole seconds
  [1.9, '1500ms', SMALLER],
  ['1h', 'abc', NEVER],
  ['abc', '1h', NEVER],
  ['3600', '1h', NEVER], // a numeric string is not a duration
  ['1h', true, NEVER],
  [true, '1h', NEVER],
  [null, '1h', NEVER],
  ['1h', null, NEVER],
  [['1h'], '1h', NEVER],
];

describe('Duration* operators (deprecated)', () => {
  it.each(rows)('%p vs %p', (key, value, expected) => {
    expect(orderResults(OPERATORS, key, value)).toEqual(expected);
  });
});
