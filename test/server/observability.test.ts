/** Health, readiness, metrics and the decision log lines. */
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import type { PolicyStore } from '../../src/policy/store/index.js';
import { buildApp, type AppDeps } from '../../src/server/index.js';
import { listenLocal, postJson, send } from './http-client.js';
import { deps, FIXTURE_UID, fixtureReview, labelled, LogCapture, loadPolicies, storeOf } from './support.js';

const opened: { app: FastifyInstance; store?: PolicyStore }[] = [];
afterEach(async () => {
  for (const { app, store } of opened.splice(0)) {
    await app.close();
    await store?.close();
  }
});

async function start(overrides: Partial<AppDeps> = {}, store?: PolicyStore): Promise<string> {
  const s = store ?? (await storeOf(await loadPolicies('policies')));
  const app = buildApp({ ...deps(await storeOf([])), policies: s, ...overrides });
  opened.push({ app, store: s });
  return `http://${await listenLocal(app)}`;
}

describe('health and readiness', () => {
  test('/healthz answers while the process runs', async () => {
    const base = await start();
    const res = await send(`${base}/healthz`);
    expect([res.status, res.json()]).toEqual([200, { status: 'ok' }]);
  });

  test('/readyz is 200 when policies are loaded and every check passes', async () => {
    const base = await start({ readiness: [{ name: 'cluster-cache', ready: () => true }] });
    const res = await send(`${base}/readyz`);
    expect([res.status, res.json()]).toEqual([200, { status: 'ready', checks: { policies: true, 'cluster-cache': true } }]);
  });

  test.each([
    { what: 'a failing check', storeReady: true, check: () => false, failing: 'cluster-cache' },
    { what: 'a throwing check', storeReady: true, check: (): boolean => { throw new Error('boom'); }, failing: 'cluster-cache' },
    { what: 'policies not loaded', storeReady: false, check: () => true, failing: 'policies' },
  ])('/readyz is 503 with a JSON reason: $what', async ({ storeReady, check, failing }) => {
    const real = await storeOf([]);
    const store: PolicyStore = { current: () => real.current(), subscribe: (l) => real.subscribe(l), ready: () => storeReady, close: () => real.close() };
    const base = await start({ readiness: [{ name: 'cluster-cache', ready: check }] }, store);
    const res = await send(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = res.json<{ code: string; message: string; checks: Record<string, boolean> }>();
    expect(body.code).toBe('TG_NOT_READY');
    expect(body.message).toBe(`the server is not ready: not ready: ${failing}`);
    expect(body.checks[failing]).toBe(false);
  });
});

describe('/metrics', () => {
  test('counts admissions, rule results and loaded policies in the Prometheus text format', async () => {
    const registry = new Registry();
    const base = await start({ metrics: registry });
    await postJson(`${base}/validate`, fixtureReview());
    await postJson(`${base}/validate`, fixtureReview({ uid: 'u2', object: labelled('web') }));
    await postJson(`${base}/validate`, fixtureReview({ uid: 'u3', dryRun: true }));
    const res = await send(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toContain('tollgate_admission_requests_total{operation="CREATE",kind="Deployment",allowed="false"} 2');
    expect(text).toContain('tollgate_admission_requests_total{operation="CREATE",kind="Deployment",allowed="true"} 1');
    expect(text).toMatch(/tollgate_admission_review_duration_seconds_count\{operation="CREATE",kind="Deployment",allowed="false"\} 2/);
    expect(text).toMatch(/tollgate_admission_review_duration_seconds_bucket\{le="0\.0005",operation="CREATE",kind="Deployment",allowed="true"\} \d/);
    expect(text).toContain('tollgate_policy_results_total{policy="require-labels",rule="autogen-check-for-labels",result="fail"} 2');
    expect(text).toContain('tollgate_policy_results_total{policy="require-labels",rule="autogen-check-for-labels",result="pass"} 1');
    expect(text).toMatch(/tollgate_policy_execution_duration_seconds_count\{operation="CREATE",kind="Deployment"\} 3/);
    expect(text).toContain('tollgate_policies_loaded 13');
  });
});

describe('decision logs', () => {
  test('one line per decision: info for denials, debug for allows, identifying fields only, never the body', async () => {
    const capture = new LogCapture();
    const base = await start({ log: { level: 'debug', stream: capture } });
    const secret = 'do-not-log-this-value';
    const denied = fixtureReview();
    (denied.request as { object: { metadata: Record<string, unknown> } }).object.metadata.annotations = { token: secret };
    await postJson(`${base}/validate`, denied);
    await postJson(`${base}/validate`, fixtureReview({ uid: 'u-allowed', object: { ...labelled('web'), data: secret }, userInfo: { username: 'bob' } }));

    const deniedLines = capture.withMessage('admission denied');
    const allowedLines = capture.withMessage('admission allowed');
    expect(deniedLines).toHaveLength(1);
    expect(allowedLines).toHaveLength(1);
    expect(deniedLines[0]).toMatchObject({
      level: 30, route: 'validate', uid: FIXTURE_UID, kind: 'Deployment', namespace: 'default', name: 'nginx',
      operation: 'CREATE', user: 'kubernetes-admin', decision: 'denied', dryRun: false,
    });
    expect(typeof deniedLines[0].durationMs).toBe('number');
    expect(allowedLines[0]).toMatchObject({ level: 20, uid: 'u-allowed', decision: 'allowed', user: 'bob', warnings: 2 });
    expect(capture.raw.join('\n')).not.toContain(secret);
    // No per-request access log lines besides the decisions.
    expect(capture.lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed')).toHaveLength(0);
  });

  test('at info level, allows are not logged', async () => {
    const capture = new LogCapture();
    const base = await start({ log: { level: 'info', stream: capture } });
    await postJson(`${base}/validate`, fixtureReview({ object: labelled('web') }));
    expect(capture.requestLines()).toHaveLength(0);
  });

  test('bad input is logged with its code only', async () => {
    const capture = new LogCapture();
    const base = await start({ log: { level: 'info', stream: capture } });
    await postJson(`${base}/validate`, '{"password": "hunter2"');
    expect(capture.requestLines()).toEqual([expect.objectContaining({ level: 40, code: 'TG_BAD_JSON', msg: 'rejected a request' })]);
    expect(capture.raw.join('\n')).not.toContain('hunter2');
  });
});

test('a failing policy store still gets an AdmissionReview answer that echoes the uid (failurePolicy Fail)', async () => {
  const capture = new LogCapture();
  const real = await storeOf([]);
  const store: PolicyStore = {
    current: () => {
      throw new Error('store is broken');
    },
    subscribe: (l) => real.subscribe(l),
    ready: () => true,
    close: () => real.close(),
  };
  const base = await start({ log: { level: 'info', stream: capture } }, store);
  const res = await postJson(`${base}/validate`, fixtureReview({}, { apiVersion: 'admission.k8s.io/v1beta1' }));
  expect(res.status).toBe(200);
  expect(res.json()).toEqual({
    apiVersion: 'admission.k8s.io/v1beta1',
    kind: 'AdmissionReview',
    response: {
      uid: FIXTURE_UID,
      allowed: false,
      status: { status: 'Failure', code: 500, reason: 'InternalError', message: 'tollgate: internal error while evaluating policies: store is broken' },
    },
  });
  expect(capture.withMessage('admission evaluation failed')).toHaveLength(1);
});
