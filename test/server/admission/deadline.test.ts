import type { LoadedPolicy, PolicySpec } from '../../../src/api/policy.js';
import { deadlineBudgetMs } from '../../../src/server/admission/deadline.js';
import { buildApp } from '../../../src/server/index.js';
import { listenLocal, postJson } from '../http-client.js';
import { deps, fixtureReview, FIXTURE_UID, labelled, loadPolicies, storeOf } from '../support.js';

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

describe('a request that runs out of time, end to end through the server', () => {
  test('rules that could not start in time are decided by failurePolicy (Fail: denied), and the uid is echoed', async () => {
    const store = await storeOf(await loadPolicies('policies'));
    // Each clock read moves 5 s: the 8 s budget is spent after the first rules.
    let t = 0;
    const app = buildApp(deps(store, { env: { now: () => (t += 5000), random: () => 0.5 } }));
    try {
      const base = `http://${await listenLocal(app)}`;
      const res = await postJson(`${base}/validate`, fixtureReview({ object: labelled('nginx') }));
      const json = res.json<{ response: { uid: string; allowed: boolean; status?: { message?: string } } }>();
      expect(res.status).toBe(200);
      expect(json.response.uid).toBe(FIXTURE_UID);
      expect(json.response.allowed).toBe(false);
      expect(json.response.status?.message).toContain('deadline exceeded');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
