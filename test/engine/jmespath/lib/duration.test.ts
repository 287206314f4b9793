import { formatGoDuration, parseGoDuration } from '../../../../src/engine/jmespath/lib/duration.js';

describe('Go durations', () => {
  test.each<[string, bigint, string]>([
    ['0', 0n, '0s'],
    ['1h', 3_600_000_000_000n, '1h0m0s'],
    ['1h30m', 5_400_000_000_000n, '1h30m0s'],
    ['90s', 90_000_000_000n, '1m30s'],
    ['1.5h', 5_400_000_000_000n, '1h30m0s'],
    ['-1.5s', -1_500_000_000n, '-1.5s'],
    ['+2m', 120_000_000_000n, '2m0s'],
    ['300ms', 300_000_000n, '300ms'],
    ['1.5ms', 1_500_000n, '1.5ms'],
    ['2us', 2_000n, '2µs'],
    ['2µs', 2_000n, '2µs'],
    ['7ns', 7n, '7ns'],
    ['.5s', 500_000_000n, '500ms'],
    ['1h0m0.000000001s', 3_600_000_000_001n, '1h0m0.000000001s'],
    ['4380h', 15_768_000_000_000_000n, '4380h0m0s'],
  ])('%s', (text, nanos, printed) => {
    expect(parseGoDuration(text)).toBe(nanos);
    expect(formatGoDuration(nanos)).toBe(printed);
  });

  test.each(['', '1', 'h', '1x', '1.h2', '.s', '1h 2m', '-', '5 s'])('%j is not a duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
