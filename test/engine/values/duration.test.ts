import { durationFromFloat, durationSeconds, formatDuration, parseDuration, parseDurationBig } from '../../../src/engine/values/index.js';

const S = 1e9;

describe('parseDuration (nanoseconds)', () => {
  it.each([
    ['0', 0],
    ['+0', 0],
    ['1ns', 1],
    ['1us', 1e3],
    ['1µs', 1e3],
    ['1μs', 1e3],
    ['300ms', 0.3 * S],
    ['1s', S],
    ['1.5s', 1.5 * S],
    ['.5s', 0.5 * S],
    ['5.s', 5 * S],
    ['2m', 120 * S],
    ['-2m', -120 * S],
    ['1h', 3600 * S],
    ['1.5h', 5400 * S],
    ['1h30m', 5400 * S],
    ['1h0m30s', 3630 * S],
    ['2h45m10.5s', (2 * 3600 + 45 * 60 + 10.5) * S],
    ['1m1m', 120 * S],
  ])('%s', (input, ns) => {
    expect(parseDuration(input)).toBe(ns);
  });

  it.each(['', '1', '10', '00', 's', '1x', '1d', '1.s.', '.s', '-', '1h 30m', '1H', ' 1s', '1s '])('rejects %j', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });

  it('truncates sub-nanosecond fractions like Go', () => {
    expect(parseDurationBig('1.9ns')).toBe(1n);
    expect(parseDurationBig('0.0000000015s')).toBe(1n);
  });

  it('scales fractions through float64 like Go', () => {
    expect(parseDurationBig('0.1h')).toBe(360_000_000_000n);
    expect(parseDurationBig('1h0m0.000000001s')).toBe(3_600_000_000_001n);
  });

  it('rejects values beyond int64 nanoseconds', () => {
    expect(parseDurationBig('2562047h')).toBe(2562047n * 3600n * 1_000_000_000n);
    expect(parseDurationBig('2562048h')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1, '1ns'],
    [1500, '1.5µs'],
    [0.3 * S, '300ms'],
    [1.5e6, '1.5ms'],
    [S, '1s'],
    [1.5 * S, '1.5s'],
    [60 * S, '1m0s'],
    [90 * S, '1m30s'],
    [3600 * S, '1h0m0s'],
    [5400 * S, '1h30m0s'],
    [-120 * S, '-2m0s'],
    [3630.25 * S, '1h0m30.25s'],
  ])('%d -> %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const text of ['1h30m0s', '2m0.5s', '45ms', '7ns', '-1h0m0s']) {
      const ns = parseDuration(text);
      expect(ns).toBeDefined();
      expect(formatDuration(ns ?? 0)).toBe(text);
    }
  });
});

describe('parse and format as bigint nanoseconds', () => {
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
    ['4380h', 15_768_000_000_000_000n, '4380h0m0s'],
  ])('%s', (text, nanos, printed) => {
    expect(parseDurationBig(text)).toBe(nanos);
    expect(formatDuration(nanos)).toBe(printed);
  });

  test.each(['1.h2', '5 s'])('%j is not a duration', (text) => {
    expect(parseDurationBig(text)).toBeUndefined();
  });

  it('converts to and from float seconds like Go', () => {
    expect(durationSeconds(1_500_000_000n)).toBe(1.5);
    expect(durationSeconds(-90_000_000_000n)).toBe(-90);
    expect(durationFromFloat(1.9)).toBe(1n);
    expect(durationFromFloat(-1.9)).toBe(-1n);
    expect(durationFromFloat(Infinity)).toBe((1n << 63n) - 1n);
    expect(durationFromFloat(-Infinity)).toBe(-(1n << 63n));
  });
});
