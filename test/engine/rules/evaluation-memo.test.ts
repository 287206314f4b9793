import { EvaluationMemo } from '../../../src/engine/rules/evaluation-memo.js';
import { evaluatePodSecurity } from '../../../src/engine/pss/index.js';
import type { PodSecurity } from '../../../src/api/policy.js';

const pod = (privileged: boolean) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'app', image: 'nginx', securityContext: { privileged } }] },
});

describe('EvaluationMemo', () => {
  test('one check cache per resource object', () => {
    const memo = new EvaluationMemo();
    const a = pod(false);
    const b = pod(false);
    expect(memo.podSecurityChecks(a)).toBe(memo.podSecurityChecks(a));
    expect(memo.podSecurityChecks(a)).not.toBe(memo.podSecurityChecks(b));
  });

  test.each<[string, PodSecurity]>([
    ['baseline', { level: 'baseline', version: 'latest' }],
    ['restricted', { level: 'restricted', version: 'latest' }],
    ['restricted at v1.24', { level: 'restricted', version: 'v1.24' }],
    ['restricted with an exclusion', { level: 'restricted', version: 'latest', exclude: [{ controlName: 'Privileged Containers' }] }],
  ])('rules sharing the cache get the results they get alone: %s', (_name, spec) => {
    const memo = new EvaluationMemo();
    for (const resource of [pod(true), pod(false)]) {
      const cache = memo.podSecurityChecks(resource);
      // Another level first, so the cache already holds results for this object.
      evaluatePodSecurity(resource, { level: 'baseline' }, cache);
      expect(evaluatePodSecurity(resource, spec, cache)).toEqual(evaluatePodSecurity(resource, spec));
      expect(evaluatePodSecurity(resource, spec, cache)).toEqual(evaluatePodSecurity(resource, spec));
    }
  });
});
