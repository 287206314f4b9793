import { admissionOnlyReason, backgroundPolicies, isBackgroundPolicy } from '../../../src/report/background/index.js';
import { clusterPolicy, policiesFrom, requireLabelRule } from './helpers.js';

function ruleWith(body: string): string {
  return `  - name: r
${body}`;
}

const MATCH_PODS = `    match:
      any:
      - resources:
          kinds: [Pod]
`;

describe('admissionOnlyReason', () => {
  const cases: [string, string, RegExp | undefined][] = [
    ['object-only pattern', requireLabelRule('r'), undefined],
    ['subjects in match.any', `    match:\n      any:\n      - resources:\n          kinds: [Pod]\n        subjects:\n        - kind: User\n          name: alice\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, /match\.any\[0\]\.subjects/],
    ['clusterRoles in match.all', `    match:\n      all:\n      - resources:\n          kinds: [Pod]\n        clusterRoles: [admin]\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, /match\.all\[0\]\.clusterRoles/],
    ['roles in exclude.any', `${MATCH_PODS}    exclude:\n      any:\n      - roles: [dev]\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, /exclude\.any\[0\]\.roles/],
    ['legacy top-level subjects in exclude', `${MATCH_PODS}    exclude:\n      subjects:\n      - kind: Group\n        name: ops\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, /exclude\.subjects/],
    ['request.userInfo in a deny condition', `${MATCH_PODS}    validate:\n      deny:\n        conditions:\n          any:\n          - key: "{{ request.userInfo.username }}"\n            operator: Equals\n            value: bob\n`, /request\.userInfo/],
    ['request.roles in a precondition', `${MATCH_PODS}    preconditions:\n      all:\n      - key: admin\n        operator: AnyIn\n        value: "{{request.roles}}"\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, /request\.roles/],
    ['request.clusterRoles in the message', `${MATCH_PODS}    validate:\n      message: "you have {{ request.clusterRoles }}"\n      pattern: {metadata: {name: "?*"}}\n`, /request\.clusterRoles/],
    ['serviceAccountName built-in variable', `${MATCH_PODS}    validate:\n      deny:\n        conditions:\n          any:\n          - key: "{{serviceAccountName}}"\n            operator: Equals\n            value: default\n`, /serviceAccountName/],
    ['serviceAccountNamespace in a context variable', `${MATCH_PODS}    context:\n    - name: ns\n      variable:\n        value: "{{ serviceAccountNamespace }}"\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, /serviceAccountNamespace/],
    ['the object\'s own serviceAccountName is fine', `${MATCH_PODS}    validate:\n      deny:\n        conditions:\n          any:\n          - key: "{{ request.object.spec.serviceAccountName }}"\n            operator: Equals\n            value: default\n`, undefined],
    ['request.operation with a background fallback is fine (PSS)', `${MATCH_PODS}    preconditions:\n      all:\n      - key: "{{ request.operation || 'BACKGROUND' }}"\n        operator: NotEquals\n        value: DELETE\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`, undefined],
    ['userInfo outside a variable is plain text', `${MATCH_PODS}    validate:\n      message: request.userInfo is not read here\n      pattern: {metadata: {name: "?*"}}\n`, undefined],
  ];
  it.each(cases)('%s', (_label, rule, expected) => {
    const [lp] = policiesFrom(clusterPolicy('p', ruleWith(rule.replace(/^ {2}- name: r\n/, ''))));
    const reason = admissionOnlyReason(lp.rules[0]);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });
});

describe('backgroundPolicies', () => {
  it('skips background: false policies and drops admission-only and non-validate rules', () => {
    const policies = policiesFrom(
      [
        clusterPolicy('scanned', requireLabelRule('ok') + ruleWith(`${MATCH_PODS}    validate:\n      deny:\n        conditions:\n          any:\n          - key: "{{request.userInfo.username}}"\n            operator: Equals\n            value: x\n`)),
        clusterPolicy('admission-only', requireLabelRule('ok'), '  background: false\n'),
        clusterPolicy('mutating', `  - name: add\n${MATCH_PODS}    mutate:\n      patchStrategicMerge:\n        metadata:\n          labels:\n            x: y\n`),
      ].join('---\n'),
    );
    expect(policies.map(isBackgroundPolicy)).toEqual([true, false, true]);
    const selection = backgroundPolicies(policies);
    expect(selection.policies.map((lp) => [lp.key, lp.rules.map((r) => r.name)])).toEqual([['scanned', ['ok', 'autogen-ok', 'autogen-cronjob-ok']]]);
    expect(selection.excluded.map((e) => e.rule)).toEqual(['r', 'autogen-r', 'autogen-cronjob-r']);
    expect(selection.excluded.every((e) => e.policy === 'scanned' && /request\.userInfo/.test(e.reason))).toBe(true);
  });

  it('keeps autogen rules of a background Pod policy', () => {
    const [lp] = policiesFrom(clusterPolicy('p', requireLabelRule('ok')));
    const names = backgroundPolicies([lp]).policies[0].rules.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['ok', 'autogen-ok', 'autogen-cronjob-ok']));
  });

  it('returns the same reduced policy object for the same loaded policy (computed once)', () => {
    const policies = policiesFrom(clusterPolicy('scanned', requireLabelRule('ok') + ruleWith(`${MATCH_PODS}    exclude:\n      any:\n      - clusterRoles: [x]\n    validate:\n      pattern: {metadata: {name: "?*"}}\n`)));
    expect(backgroundPolicies(policies).policies[0]).toBe(backgroundPolicies(policies).policies[0]);
    expect(backgroundPolicies(policies).policies[0]).not.toBe(policies[0]);
  });
});
