import { policyLabelValue, reportName, shortHash, splitPolicyKey } from '../../src/report/index.js';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const long = 'require-a-very-long-and-descriptive-policy-name-that-keeps-going-and-going';

describe('reportName', () => {
  test.each<[string, number, string]>([
    ['require-labels', 0, 'tollgate-cpol-require-labels-0'],
    ['require-labels', 3, 'tollgate-cpol-require-labels-3'],
    ['team-a/require-labels', 0, 'tollgate-pol-require-labels-0'],
    ['a-1', 0, 'tollgate-cpol-a-1-0'],
    ['a', 1, 'tollgate-cpol-a-1'],
  ])('%s shard %p -> %s', (key, shard, want) => expect(reportName(key, shard)).toBe(want));

  test.each([[long], ['dotted.policy.name'], ['UPPER'], [`${long}-2`]])('%s: DNS-safe, at most 63 characters, stable', (key) => {
    for (const shard of [0, 12, 99999]) {
      const name = reportName(key, shard);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(DNS_LABEL);
      expect(name.endsWith(`-${shard}`)).toBe(true);
      expect(reportName(key, shard)).toBe(name);
    }
  });

  test('long names that share a prefix stay distinct', () => {
    expect(reportName(`${long}-x`, 0)).not.toBe(reportName(`${long}-y`, 0));
    expect(reportName('dotted.policy', 0)).not.toBe(reportName('dotted-policy', 0));
  });
});

describe('policyLabelValue', () => {
  test.each<[string, string]>([
    ['require-labels', 'require-labels'],
    ['team-a/require-labels', 'require-labels'],
    ['dotted.policy.name', 'dotted.policy.name'],
  ])('%s -> %s', (key, want) => expect(policyLabelValue(key)).toBe(want));

  test('long names: at most 63 characters, ends in a hash, valid label value', () => {
    const value = policyLabelValue(`${long}-${long}`);
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(LABEL_VALUE);
    expect(value.endsWith(shortHash(`${long}-${long}`))).toBe(true);
  });
});

describe('helpers', () => {
  test.each<[string, { namespace?: string; name: string }]>([
    ['p', { name: 'p' }],
    ['ns/p', { namespace: 'ns', name: 'p' }],
  ])('splitPolicyKey(%s)', (key, want) => expect(splitPolicyKey(key)).toEqual(want));

  test('shortHash is 8 hex digits and differs for different inputs', () => {
    expect(shortHash('a')).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash('a')).not.toBe(shortHash('b'));
    expect(shortHash('')).toBe('811c9dc5');
  });
});
