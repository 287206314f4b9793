import { BIGGER, NEVER, orderResults, SAME, SMALLER, type OrderRow } from './helpers.js';

const OPERATORS = ['GreaterThan', 'GreaterThanOrEquals', 'LessThan', 'LessThanOrEquals'] as const;

const rows: OrderRow[] = [
  // numbers
  [10, 1, BIGGER],
  [1, 10, SMALLER],
  [1, 1, SAME],
  [1.5, 1, BIGGER],
  [1, 1.5, SMALLER],
  [1.0, 1, SAME],
  [-5, 1, SMALLER],
  [-5, -10, BIGGER],
  [1, -10, BIGGER],
  // numeric strings on either side
  ['10', 1, BIGGER],
  [100, '10', BIGGER],
  ['100', '10', BIGGER],
  ['10', '10', SAME],
  ['1', '10', SMALLER],
  ['1', 10, SMALLER],
  [1, '10', SMALLER],
  ['2.5', 2.5, SAME],
  [3, '2.5', BIGGER],
  [3, '1e1', SMALLER],
  // quantities
  ['1025', '1Ki', BIGGER],
  ['1024', '1Ki', SAME],
  ['1023', '1Ki', SMALLER],
  ['1Ki', '1023', BIGGER],
  ['1Ki', '1025', SMALLER],
  ['10Gi', '1Gi', BIGGER],
  ['1Gi', '1Mi', BIGGER],
  ['1Gi', '10Gi', SMALLER],
  ['1Mi', '1Gi', SMALLER],
  ['1Gi', '1024Mi', SAME],
  ['10Mi', '10Mi', SAME],
  ['250m', '0.5', SMALLER],
  ['1.5', '1500m', SAME],
  // a quantity against a number is not comparable (only strings parse as quantities)
  ['1Gi', 1, NEVER],
  [1, '1Ki', NEVER],
  // durations, and durations against seconds
  ['10h', '1h', BIGGER],
  ['1h', '30m', BIGGER],
  ['1h', '1h', SAME],
  ['30m', '1h', SMALLER],
  ['1h', 3600, SAME],
  ['2h', 3600, BIGGER],
  ['30m', 3600, SMALLER],
  [3600, '1h', SAME],
  [3600, '30m', BIGGER],
  ['4381h', '4380h', BIGGER],
  ['1h', '1Gi', NEVER],
  ['1h', '3600', NEVER], // a numeric string is not seconds
  // "0" is not a duration, but a zero number is 0s against a duration
  [0, '1h', SMALLER],
  ['0', '1h', SMALLER],
  // semantic versions (strict: MAJOR.MINOR.PATCH)
  ['1.5.5', '1.5.0', BIGGER],
  ['1.5.0', '1.5.5', SMALLER],
  ['1.5.5', '1.5.5', SAME],
  ['1.10.0', '1.9.0', BIGGER],
  ['1.0.0-alpha', '1.0.0', SMALLER],
  ['1.0.0-alpha.1', '1.0.0-alpha', BIGGER],
  ['1.0.0+build.1', '1.0.0', SAME],
  ['v1.5.5', 'v1.5.0', NEVER],
  ['1.5.5', 'v1.5.0', NEVER],
  ['1.5', '1.4.0', NEVER], // "1.5" is a float, "1.4.0" is not
  ['01.5.5', '1.5.0', NEVER],
  ['1.5.5', 1, NEVER],
  // values that cannot be compared
  ['abc', 'abd', NEVER],
  ['abc', 1, NEVER],
  [true, 1, NEVER],
  [1, true, NEVER],
  [1, null, NEVER],
  [null, 1, NEVER],
  [[1], 0, NEVER],
  [{ a: 1 }, 0, NEVER],
  [1, [0], NEVER],
  ['', 0, NEVER],
  ['NaN', 1, NEVER],
];

describe('GreaterThan / GreaterThanOrEquals / LessThan / LessThanOrEquals', () => {
  it.each(rows)('%p vs %p', (key, value, expected) => {
    expect(orderResults(OPERATORS, key, value)).toEqual(expected);
  });
});
