import { formatPssChecks, podSecurityFailureMessage } from '../../../src/engine/pss/index.js';
import { goodContainer, pod, run } from './fixtures.js';

function violationsOf(outcome: ReturnType<typeof run>) {
  if (outcome.kind !== 'fail') throw new Error(`expected fail, got ${outcome.kind}`);
  return outcome.violations;
}

describe('Kyverno PSS message format', () => {
  it.each([
    [
      'forbidden bool',
      pod({ containers: [goodContainer('a', 'x', { privileged: true })] }),
      'baseline',
      '(Forbidden reason: privileged, field error list: [spec.containers[0].securityContext.privileged is forbidden, forbidden values found: true])',
    ],
    [
      'forbidden list',
      pod({ containers: [goodContainer('a', 'x', { capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } })] }),
      'baseline',
      '(Forbidden reason: non-default capabilities, field error list: [spec.containers[0].securityContext.capabilities.add is forbidden, forbidden values found: [SYS_ADMIN NET_RAW]])',
    ],
    [
      'required value',
      pod({ containers: [goodContainer('a', 'x', { allowPrivilegeEscalation: null })] }),
      'restricted',
      '(Forbidden reason: allowPrivilegeEscalation != false, field error list: [spec.containers[0].securityContext.allowPrivilegeEscalation: Required value])',
    ],
    [
      'forbidden without value, two checks',
      pod({ containers: [goodContainer()], volumes: [{ name: 'v', hostPath: { path: '' } }] }),
      'restricted',
      '(Forbidden reason: hostPath volumes, field error list: [spec.volumes[0].hostPath: Forbidden])' +
        '(Forbidden reason: restricted volume types, field error list: [spec.volumes[0].hostPath: Forbidden])',
    ],
  ] as const)('%s', (_name, resource, level, expected) => {
    expect(formatPssChecks(violationsOf(run(resource, level)))).toBe(expected);
  });

  it('builds the rule failure message', () => {
    const violations = violationsOf(run(pod({ hostPID: true, containers: [goodContainer()] }), 'baseline'));
    expect(podSecurityFailureMessage('baseline', { level: 'baseline', version: 'latest' }, violations)).toBe(
      'Validation rule \'baseline\' failed. It violates PodSecurity "baseline:latest": (Forbidden reason: host namespaces, field error list: [spec.hostPID is forbidden, forbidden values found: true])',
    );
  });
});
