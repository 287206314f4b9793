import type { ReportEntry } from '../../src/api/report.js';
import type { RuleStatus } from '../../src/api/result.js';
import { buildReports, policyMatches, ruleRows, totals } from '../../src/report/index.js';

const e = (policy: string, name: string, rule: string, result: RuleStatus): ReportEntry => ({
  policy, rule, result, message: `${name} ${result}`, process: 'background scan', scored: true, timestamp: { seconds: 0, nanos: 0 },
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: name.split('/')[0], name: name.split('/')[1] },
});

const reports = buildReports([
  e('b', 'ns1/x', 'r1', 'fail'), e('b', 'ns2/y', 'r1', 'fail'), e('b', 'ns1/z', 'r1', 'pass'), e('b', 'ns1/x', 'r0', 'error'),
  e('a', 'ns1/x', 'r', 'warn'), e('ns1/a', 'ns1/x', 'r', 'skip'),
]);

describe('ruleRows', () => {
  test('counts per policy and rule across report objects, sorted, failing resources listed', () => {
    const rows = ruleRows(reports);
    expect(rows.map((r) => [r.policy, r.rule, r.pass, r.fail, r.warn, r.error, r.skip, r.failing.map((f) => `${f.result} ${f.resource.namespace}/${f.resource.name}`)])).toEqual([
      ['a', 'r', 0, 0, 1, 0, 0, []],
      ['b', 'r0', 0, 0, 0, 1, 0, ['error ns1/x']],
      ['b', 'r1', 1, 2, 0, 0, 0, ['fail ns1/x', 'fail ns2/y']],
      ['ns1/a', 'r', 0, 0, 0, 0, 1, []],
    ]);
    expect(totals(rows)).toEqual({ pass: 1, fail: 2, warn: 1, error: 1, skip: 1 });
  });

  test.each<[string, string[]]>([
    ['a', ['a', 'ns1/a']],
    ['ns1/a', ['ns1/a']],
    ['b', ['b', 'b']],
    ['nope', []],
  ])('policy filter %s', (policy, want) => expect(ruleRows(reports, { policy }).map((r) => r.policy)).toEqual(want));

  test.each<[string, string, boolean]>([
    ['a', 'a', true], ['ns/a', 'a', true], ['ns/a', 'ns/a', true], ['a', 'ns/a', false], ['ns/a', 'other/a', false], ['ab', 'a', false],
  ])('policyMatches(%s, %s) = %p', (key, wanted, want) => expect(policyMatches(key, wanted)).toBe(want));
});
