import type { LoadedPolicy, PolicySpec } from '../../../src/api/policy.js';
import { deadlineBudgetMs } from '../../../src/server/admission/deadline.js';

const policy = (spec: Partial<PolicySpec>): LoadedPolicy => ({
  key: 'p',
  rules: [],
  policy: { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { rules: [], ...spec } },
});

describe('deadlineBudgetMs', () => {
  test.each([
    { what: 'no policy sets a timeout', specs: [{}], expected: 8000 },
    { what: 'webhookTimeoutSeconds 5 -> 80% of it', specs: [{ webhookTimeoutSeconds: 5 }], expected: 4000 },
    { what: 'webhookConfiguration.timeoutSeconds wins over webhookTimeoutSeconds', specs: [{ webhookTimeoutSeconds: 30, webhookConfiguration: { timeoutSeconds: 2 } }], expected: 1600 },
    { what: 'the smallest timeout among the candidates', specs: [{ webhookTimeoutSeconds: 3 }, { webhookTimeoutSeconds: 1 }, {}], expected: 800 },
    { what: 'a longer policy timeout never extends the configured budget', specs: [{ webhookTimeoutSeconds: 30 }], expected: 8000 },
    { what: 'zero is ignored', specs: [{ webhookTimeoutSeconds: 0 }], expected: 8000 },
  ])('$what', ({ specs, expected }) => {
    expect(deadlineBudgetMs(8000, specs.map(policy))).toBe(expected);
  });
});
