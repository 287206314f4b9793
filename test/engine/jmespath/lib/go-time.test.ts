import { formatRFC3339, formatRFC3339Nano, parseGoTime, RFC3339 } from '../../../../src/engine/jmespath/lib/go-time.js';

describe('Go time layouts', () => {
  test.each<[string, string, string]>([
    [RFC3339, '2023-01-12T17:37:00Z', '2023-01-12T17:37:00Z'],
    [RFC3339, '2023-01-12T17:37:00.123456789+05:30', '2023-01-12T17:37:00+05:30'],
    [RFC3339, '2024-02-29T23:59:59-08:00', '2024-02-29T23:59:59-08:00'],
    ['2006-01-02', '2021-12-31', '2021-12-31T00:00:00Z'],
    ['02 Jan 06 15:04 MST', '05 Mar 21 07:08 UTC', '2021-03-05T07:08:00Z'],
    ['Monday, 02-Jan-06 15:04:05 MST', 'Friday, 05-Mar-21 07:08:09 CET', '2021-03-05T07:08:09Z'],
    ['2006-01-02T15:04:05-0700', '2021-03-05T07:08:09+0100', '2021-03-05T07:08:09+01:00'],
    ['2006-01-02T15:04:05Z0700', '2021-03-05T07:08:09Z', '2021-03-05T07:08:09Z'],
    ['Jan _2 15:04:05.000000', 'Mar  5 07:08:09.123456', '0000-03-05T07:08:09Z'],
    ['3:04:05 pm', '12:00:00 am', '0000-01-01T00:00:00Z'],
    ['20060102150405', '20210305070809', '2021-03-05T07:08:09Z'],
    ['_2006', '_2021', '2021-01-01T00:00:00Z'],
  ])('%s parses %s', (layout, value, rfc3339) => {
    const result = parseGoTime(layout, value);
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(formatRFC3339(result.time)).toBe(rfc3339);
  });

  test.each<[string, string]>([
    [RFC3339, '2023-01-12'],
    [RFC3339, '2023-01-12T17:37:00'],
    [RFC3339, '2023-13-12T17:37:00Z'],
    [RFC3339, '2023-02-29T17:37:00Z'],
    [RFC3339, '2023-01-12T25:37:00Z'],
    [RFC3339, '2023-01-12T17:37:00+5:00'],
    ['2006-01-02', '2021-1-02'],
    ['Jan 2', 'Foo 2'],
    ['15:04', '10:04 extra'],
  ])('%s rejects %s', (layout, value) => {
    expect(parseGoTime(layout, value)).toMatchObject({ ok: false });
  });

  it('prints nanoseconds in the JSON form', () => {
    const result = parseGoTime(RFC3339, '2023-01-12T17:37:00.120Z');
    expect(result.ok && formatRFC3339Nano(result.time)).toBe('2023-01-12T17:37:00.12Z');
  });
});
