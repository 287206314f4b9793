/** Admission decisions -> entries in the writer -> reports in the fake cluster; denied requests -> log lines. */
import type { KubeConfig } from '@kubernetes/client-node';
import type { AdmissionRequest, Operation } from '../../../src/api/admission.js';
import type { PolicyResult, ResourceRef } from '../../../src/api/result.js';
import { ruleFail, rulePass, ruleSkip } from '../../../src/api/result.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { auditRecorder } from '../../../src/report/writer/index.js';
import type { AdmissionDecision } from '../../../src/server/types.js';
import type { FakeApiServer } from '../../support/fake-apiserver/index.js';
import { harnessWriter, reportServer, reportsIn } from './harness.js';

const POLICIES = parsePolicies(
  `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-labels
  annotations:
    policies.kyverno.io/category: Best Practices
    policies.kyverno.io/severity: medium
spec:
  validationFailureAction: Audit
  rules:
    - name: check-team
      match: { any: [ { resources: { kinds: [Pod] } } ] }
      validate:
        message: label team is required
        pattern: { metadata: { labels: { team: "?*" } } }
`,
  'policies.yaml',
).policies;

let server: FakeApiServer;
let kubeConfig: KubeConfig;
beforeEach(async () => {
  ({ server, kubeConfig } = await reportServer());
});
afterEach(async () => {
  await server.close();
});

const NOW = 1_700_000_000_500;

function decision(operation: Operation, allowed: boolean, policies: PolicyResult[], uid?: string, route: AdmissionDecision['route'] = 'validate'): AdmissionDecision {
  const metadata = { name: 'web', namespace: 'default', ...(uid ? { uid } : {}) };
  const request: AdmissionRequest = {
    uid: 'req-1',
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    name: 'web',
    namespace: 'default',
    operation,
    userInfo: { username: 'alice' },
    ...(operation === 'DELETE' ? { oldObject: { metadata } } : { object: { metadata } }),
  };
  return { route, request, response: { uid: 'req-1', allowed }, result: { policies } };
}

const pod = (uid?: string): ResourceRef => ({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web', ...(uid ? { uid } : {}) });
const auditFail = (uid?: string): PolicyResult => ({ policy: 'require-labels', resource: pod(uid), action: 'Audit', rules: [ruleFail('check-team', 'validate', 'label team is required', 'Audit')] });
const passing = (uid?: string): PolicyResult => ({ policy: 'require-labels', resource: pod(uid), action: 'Audit', rules: [rulePass('check-team', 'validate', 'validation rule passed')] });

function setup(): { recorder: ReturnType<typeof auditRecorder>; writer: ReturnType<typeof harnessWriter>['writer']; lines: [Record<string, unknown>, string][] } {
  const { writer } = harnessWriter(kubeConfig);
  const lines: [Record<string, unknown>, string][] = [];
  const recorder = auditRecorder(writer, () => POLICIES, () => NOW, (fields, msg) => lines.push([fields, msg]));
  return { recorder, writer, lines };
}

describe('auditRecorder', () => {
  test('an allowed CREATE with an Audit failure lands in the report with policy annotations and process', async () => {
    const { recorder, writer } = setup();
    recorder.record(decision('CREATE', true, [auditFail()]));
    await writer.flush();
    const [report] = reportsIn(server, 'default');
    expect(report.summary).toEqual({ pass: 0, fail: 1, warn: 0, error: 0, skip: 0 });
    expect(report.results).toEqual([
      {
        source: 'tollgate', policy: 'require-labels', rule: 'check-team', result: 'fail', message: 'label team is required',
        resources: [{ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' }],
        timestamp: { seconds: 1_700_000_000, nanos: 500_000_000 }, scored: true, category: 'Best Practices', severity: 'medium',
        properties: { process: 'admission review' },
      },
    ]);
  });

  test('a later UPDATE (with the uid) replaces the CREATE\'s result; an allowed DELETE removes it', async () => {
    const { recorder, writer } = setup();
    recorder.record(decision('CREATE', true, [auditFail()]));
    recorder.record(decision('UPDATE', true, [passing('uid-web')], 'uid-web'));
    await writer.flush();
    expect(reportsIn(server, 'default')[0].results.map((r) => [r.result, r.resources[0].uid])).toEqual([['pass', 'uid-web']]);
    recorder.record(decision('DELETE', true, [], 'uid-web'));
    await writer.flush();
    expect(reportsIn(server, 'default')).toEqual([]);
  });

  test('a policy whose rules all skipped now clears its earlier results for the resource', async () => {
    const { recorder, writer } = setup();
    recorder.record(decision('UPDATE', true, [auditFail('u1')], 'u1'));
    recorder.record(decision('UPDATE', true, [{ ...passing('u1'), rules: [ruleSkip('check-team', 'validate', 'precondition not met')] }], 'u1'));
    await writer.flush();
    expect(reportsIn(server, 'default')[0].summary).toEqual({ pass: 0, fail: 0, warn: 0, error: 0, skip: 1 });
    recorder.record(decision('UPDATE', true, [{ ...passing('u1'), rules: [] }], 'u1'));
    await writer.flush();
    expect(reportsIn(server, 'default')).toEqual([]);
  });

  test('a denied request records nothing and logs one events-style line per failing rule', async () => {
    const { recorder, writer, lines } = setup();
    const enforced: PolicyResult = { policy: 'require-labels', resource: pod(), action: 'Enforce', rules: [ruleFail('check-team', 'validate', 'label team is required', 'Enforce'), rulePass('other', 'validate', 'ok')] };
    recorder.record(decision('CREATE', false, [enforced]));
    expect(writer.stats().entries).toBe(0);
    expect(lines).toEqual([
      [
        { reason: 'PolicyViolation', policy: 'require-labels', rule: 'check-team', result: 'fail', action: 'Enforce', operation: 'CREATE', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' }, user: 'alice', message: 'label team is required' },
        'admission request denied: policy violation',
      ],
    ]);
  });

  test.each<[string, AdmissionDecision]>([
    ['a /mutate decision', decision('CREATE', true, [auditFail()], undefined, 'mutate')],
    ['a CONNECT', decision('CONNECT', true, [auditFail()])],
    ['a denied DELETE', decision('DELETE', false, [auditFail()])],
  ])('%s records nothing', (_name, d) => {
    const { recorder, writer } = setup();
    recorder.record(d);
    expect(writer.stats()).toMatchObject({ groups: 0, entries: 0 });
  });
});
