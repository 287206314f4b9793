/** The request deadline: rules that would start after it become `error` results with cause `deadline`. */
import type { EngineEnv } from '../../src/api/env.js';
import { EMPTY_SNAPSHOT } from '../../src/api/snapshot.js';
import { toAdmissionResponse } from '../../src/admission/index.js';
import { evaluate } from '../../src/engine/index.js';
import { parsePolicies } from '../../src/policy/index.js';
import { podCreateRequest } from './pod-request.js';

const policyText = (failurePolicy: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: slow}
spec:
  validationFailureAction: Audit
  failurePolicy: ${failurePolicy}
  rules:
${['a', 'b', 'c', 'd']
  .map((r) => `  - name: ${r}\n    match: {any: [{resources: {kinds: [Pod]}}]}\n    validate: {pattern: {metadata: {name: "?*"}}}`)
  .join('\n')}
`;

const request = podCreateRequest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {} });

/** A clock that moves 10 ms forward every time it is read, like a slow evaluation would. */
function ticking(): EngineEnv {
  let t = 1_000;
  return { now: () => (t += 10), random: () => 0.5 };
}

function load(failurePolicy: string) {
  const { policies, errors } = parsePolicies(policyText(failurePolicy), 'slow.yaml');
  expect(errors).toEqual([]);
  return policies;
}

describe('deadline', () => {
  test('rules that start after the deadline are errors with cause deadline; earlier ones ran', () => {
    const env = ticking();
    const deadline = env.now() + 25; // rules a and b start in time, c and d do not
    const result = evaluate({ request, policies: load('Fail'), snapshot: EMPTY_SNAPSHOT, env, deadline });
    expect(result.policies[0].rules.map((r) => [r.rule, r.status, r.status === 'error' ? r.cause : undefined])).toEqual([
      ['a', 'pass', undefined],
      ['b', 'pass', undefined],
      ['c', 'error', 'deadline'],
      ['d', 'error', 'deadline'],
    ]);
  });

  test('no deadline: everything runs', () => {
    const result = evaluate({ request, policies: load('Fail'), snapshot: EMPTY_SNAPSHOT, env: ticking() });
    expect(result.policies[0].rules.every((r) => r.status === 'pass')).toBe(true);
  });

  test.each([
    ['Fail', false],
    ['Ignore', true],
  ])('failurePolicy %s decides a deadline error, even in an Audit policy', (failurePolicy, allowed) => {
    const env = ticking();
    const result = evaluate({ request, policies: load(failurePolicy), snapshot: EMPTY_SNAPSHOT, env, deadline: 0 });
    expect(result.policies[0].failurePolicy).toBe(failurePolicy);
    const response = toAdmissionResponse(request, result);
    expect(response.allowed).toBe(allowed);
    if (allowed) expect(response.warnings?.[0]).toMatch(/^policy slow\.a: deadline exceeded/);
    else expect(response.status?.message).toContain('deadline exceeded');
  });
});
