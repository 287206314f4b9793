/** Every kind of bad input gets a 4xx with a catalogue code naming the problem; the server keeps serving. */
import type { FastifyInstance } from 'fastify';
import type { ManagedPolicyStore } from '../../src/policy/store/index.js';
import { buildApp, MIN_BODY_LIMIT_BYTES } from '../../src/server/index.js';
import { listenLocal, send } from './http-client.js';
import { deps, FIXTURE_UID, fixtureReview, loadPolicies, storeOf } from './support.js';

let store: ManagedPolicyStore;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  store = await storeOf(await loadPolicies('policies'));
  app = buildApp(deps(store, { bodyLimitBytes: MIN_BODY_LIMIT_BYTES }));
  base = `http://${await listenLocal(app)}`;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const json = (value: unknown): string => JSON.stringify(value);
const huge = (): string => json(fixtureReview({ object: { ...(fixtureReview().request as { object: Record<string, unknown> }).object, data: 'x'.repeat(MIN_BODY_LIMIT_BYTES) } }));

describe.each(['/validate', '/mutate'])('%s rejects bad input', (route) => {
  test.each([
    { what: 'malformed JSON', body: '{"apiVersion": "admission.k8s.io/v1", ', status: 400, code: 'TG_BAD_JSON' },
    { what: 'an empty JSON body', body: '', status: 400, code: 'TG_BAD_JSON' },
    { what: 'a prototype-poisoning key', body: '{"__proto__": {"x": 1}}', status: 400, code: 'TG_BAD_JSON' },
    { what: 'a JSON array', body: '[]', status: 400, code: 'TG_NOT_ADMISSION_REVIEW', detail: 'AdmissionReview: expected a JSON or YAML mapping' },
    { what: 'another kind', body: json({ ...fixtureReview(), kind: 'Pod' }), status: 400, code: 'TG_NOT_ADMISSION_REVIEW', detail: 'kind: expected AdmissionReview, got "Pod"' },
    { what: 'an unknown version', body: json({ ...fixtureReview(), apiVersion: 'admission.k8s.io/v2' }), status: 400, code: 'TG_NOT_ADMISSION_REVIEW', detail: 'apiVersion: expected admission.k8s.io/v1 or admission.k8s.io/v1beta1, got "admission.k8s.io/v2"' },
    { what: 'a review without request', body: json({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }), status: 400, code: 'TG_NOT_ADMISSION_REVIEW', detail: 'request: required' },
    { what: 'a missing uid', body: json(fixtureReview({ uid: undefined })), status: 400, code: 'TG_MISSING_UID', detail: 'request.uid: required' },
    { what: 'an empty uid', body: json(fixtureReview({ uid: '' })), status: 400, code: 'TG_MISSING_UID', detail: 'request.uid: required' },
    { what: 'a bad operation', body: json(fixtureReview({ operation: 'PATCH' })), status: 400, code: 'TG_INVALID_REQUEST', uid: FIXTURE_UID },
    { what: 'a body over the limit', body: huge(), status: 413, code: 'TG_BODY_TOO_LARGE', detail: `the limit is ${MIN_BODY_LIMIT_BYTES} bytes` },
  ])('$what -> $status $code', async ({ body, status, code, detail, uid }) => {
    const res = await send(`${base}${route}`, { method: 'POST', body });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const out = res.json<{ code: string; message: string; uid?: string }>();
    expect(out.code).toBe(code);
    expect(typeof out.message).toBe('string');
    if (detail !== undefined) expect(out.message.endsWith(`: ${detail}`)).toBe(true);
    expect(out.uid).toBe(uid);
  });

  test.each([
    { what: 'text/plain', type: 'text/plain', detail: 'got "text/plain"' },
    { what: 'YAML', type: 'application/yaml', detail: 'got "application/yaml"' },
    { what: 'form data', type: 'application/x-www-form-urlencoded', detail: 'got "application/x-www-form-urlencoded"' },
    { what: 'none', type: '', detail: 'got no content type' },
  ])('content type $what -> 415 TG_UNSUPPORTED_MEDIA_TYPE', async ({ type, detail }) => {
    const res = await send(`${base}${route}`, { method: 'POST', body: json(fixtureReview()), headers: { 'content-type': type } });
    expect(res.status).toBe(415);
    expect(res.json()).toEqual({ code: 'TG_UNSUPPORTED_MEDIA_TYPE', message: `the request body must be application/json: ${detail}` });
  });

  test('JSON with a charset parameter is accepted', async () => {
    const res = await send(`${base}${route}`, { method: 'POST', body: json(fixtureReview()), headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(res.status).toBe(200);
  });
});

test('a body just under the limit is accepted (object plus oldObject of about 3 MiB each)', async () => {
  const object = (fixtureReview().request as { object: Record<string, unknown> }).object;
  const big = { ...object, data: 'y'.repeat(3 * 1024 * 1024 - 64 * 1024) };
  const body = json(fixtureReview({ operation: 'UPDATE', object: big, oldObject: big }));
  expect(body.length).toBeLessThan(MIN_BODY_LIMIT_BYTES);
  const res = await send(`${base}/validate`, { method: 'POST', body });
  expect(res.status).toBe(200);
  expect(res.json<{ response: { uid: string } }>().response.uid).toBe(FIXTURE_UID);
});

test('unknown routes and methods -> 404 TG_NOT_FOUND', async () => {
  for (const [method, path] of [['GET', '/validate'], ['POST', '/nope'], ['PUT', '/mutate']]) {
    const res = await send(`${base}${path}`, { method });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ code: 'TG_NOT_FOUND', message: `no such route: ${method} ${path}` });
  }
});

test('the server still answers after all of the above', async () => {
  const res = await send(`${base}/validate`, { method: 'POST', body: json(fixtureReview()) });
  expect(res.status).toBe(200);
  expect(res.json<{ response: { uid: string; allowed: boolean } }>().response).toMatchObject({ uid: FIXTURE_UID, allowed: false });
});
