/** `apiCall.service` through the server: the call is made (bounded) and the request evaluated with the answer. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createServiceCaller } from '../../../src/cluster/index.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { buildApp } from '../../../src/server/index.js';
import { listenLocal, postJson } from '../http-client.js';
import { deps, podReview, storeOf } from '../support.js';

let scanner: Server;
let scannerUrl: string;
const received: { path: string; body: unknown; tenant: string | undefined }[] = [];

beforeAll(async () => {
  scanner = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = text ? (JSON.parse(text) as { image?: string }) : undefined;
      received.push({ path: req.url ?? '', body, tenant: req.headers['x-tenant'] as string | undefined });
      if (body?.image?.includes('slow')) return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ verdict: body?.image?.includes('bad') ? 'vulnerable' : 'clean' }));
    });
  });
  await new Promise<void>((ok) => scanner.listen(0, '127.0.0.1', ok));
  scannerUrl = `http://127.0.0.1:${(scanner.address() as AddressInfo).port}`;
});
afterAll(async () => {
  scanner.closeAllConnections();
  await new Promise((ok) => scanner.close(ok));
});

describe('apiCall.service through the admission route', () => {
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: image-scan, annotations: {pod-policies.kyverno.io/autogen-controllers: none}}
spec:
  validationFailureAction: Enforce
  rules:
  - name: scanned
    match: {any: [{resources: {kinds: [Pod]}}]}
    context:
    - name: scan
      apiCall:
        method: POST
        data: [{key: image, value: "{{ request.object.spec.containers[0].image }}"}]
        service:
          url: "${scannerUrl}/scan"
          headers: [{key: x-tenant, value: "{{ request.namespace }}"}]
        jmesPath: verdict
    validate:
      message: "image verdict: {{ scan }}"
      deny: {conditions: {any: [{key: "{{ scan }}", operator: NotEquals, value: clean}]}}
`;
    const { policies, errors } = parsePolicies(text, 'p.yaml');
    expect(errors).toEqual([]);
    app = buildApp(deps(await storeOf(policies), { services: createServiceCaller({ timeoutMs: 300, maxBytes: 1 << 16 }) }));
    base = `http://${await listenLocal(app)}`;
  });
  afterAll(async () => {
    await app.close();
  });

  const pod = (image: string) => podReview('s-1', { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image }] } });
  type Out = { response: { allowed: boolean; status?: { message?: string } } };

  test('the service answers: allowed or denied by its verdict; the request carries body and headers', async () => {
    received.length = 0;
    expect((await postJson(`${base}/validate`, pod('registry.example.com/good:1'))).json<Out>().response.allowed).toBe(true);
    expect(received).toEqual([{ path: '/scan', body: { image: 'registry.example.com/good:1' }, tenant: 'default' }]);
    const denied = (await postJson(`${base}/validate`, pod('registry.example.com/bad:1'))).json<Out>().response;
    expect(denied.allowed).toBe(false);
    expect(denied.status?.message).toContain('image verdict: vulnerable');
  });

  test('a service that does not answer in time is an error: failurePolicy Fail denies, quickly', async () => {
    const started = Date.now();
    const out = (await postJson(`${base}/validate`, pod('registry.example.com/slow:1'))).json<Out>().response;
    expect(out.allowed).toBe(false);
    expect(out.status?.message).toContain('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('createServiceCaller refuses what it cannot call', async () => {
    const caller = createServiceCaller({ timeoutMs: 300, maxBytes: 1000 });
    expect(await caller.call({ url: 'not a url', method: 'GET' })).toMatchObject({ found: false, message: expect.stringContaining('invalid service URL') });
    expect(await caller.call({ url: 'ftp://x/y', method: 'GET' })).toMatchObject({ found: false, message: 'unsupported service URL scheme ftp:' });
  });
});
