/**
 * The real HTTPS server with generated certificates and a verifying TLS client: decisions over TLS, the TLS
 * floor, and certificate rotation while requests keep flowing.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import type { FastifyInstance } from 'fastify';
import type { ManagedPolicyStore } from '../../src/policy/store/index.js';
import { buildApp, followCertificates } from '../../src/server/index.js';
import { fileCertSource, fingerprintSha256, generateCertificates, selfSignedMaterial, type FileCertSource, type GeneratedCertificates, type TlsMaterial } from '../../src/tls/index.js';
import { listenLocal, postJson, send } from './http-client.js';
import { deps, FIXTURE_UID, fixtureReview, labelled, loadPolicies, storeOf } from './support.js';

interface ReviewOut {
  apiVersion: string;
  response: { uid: string; allowed: boolean; status?: { message?: string }; warnings?: string[] };
}

let store: ManagedPolicyStore;
beforeAll(async () => {
  store = await storeOf(await loadPolicies('policies'));
});
afterAll(async () => {
  await store.close();
});

describe('admission over HTTPS', () => {
  let material: TlsMaterial;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    material = selfSignedMaterial(new Date());
    app = buildApp(deps(store, { tls: material }));
    base = `https://${await listenLocal(app)}`;
  });
  afterAll(async () => {
    await app.close();
  });

  test('deny with the Kyverno-shaped message, verified against the CA', async () => {
    const res = await postJson(`${base}/validate`, fixtureReview(), { ca: material.ca });
    expect(res.status).toBe(200);
    expect(res.peerFingerprint).toBe(fingerprintSha256(material.cert));
    const out = res.json<ReviewOut>();
    expect(out.response.uid).toBe(FIXTURE_UID);
    expect(out.response.allowed).toBe(false);
    expect(out.response.status?.message).toMatch(/^resource Deployment\/default\/nginx was blocked due to the following policies\n\nrequire-labels:\n {2}autogen-check-for-labels: /);
  });

  test('allow with audit warnings, v1beta1 in and out', async () => {
    const res = await postJson(`${base}/validate`, fixtureReview({ object: labelled('web') }, { apiVersion: 'admission.k8s.io/v1beta1' }), { ca: material.ca });
    const out = res.json<ReviewOut>();
    expect(out.apiVersion).toBe('admission.k8s.io/v1beta1');
    expect(out.response).toMatchObject({ uid: FIXTURE_UID, allowed: true });
    expect(out.response.warnings?.length).toBeGreaterThan(0);
  });

  test('a client that does not trust the CA is refused', async () => {
    await expect(postJson(`${base}/validate`, fixtureReview())).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  test('TLS 1.2 is the minimum: a TLS 1.1 handshake fails, TLS 1.2 and 1.3 succeed', async () => {
    const { port } = new URL(base);
    const handshake = (maxVersion: tls.SecureVersion): Promise<string> =>
      new Promise((resolve, reject) => {
        // SECLEVEL=0 lets this client offer TLS 1.1 at all, so a failure is the server's refusal.
        const socket = tls.connect({ host: '127.0.0.1', port: Number(port), ca: material.ca, minVersion: 'TLSv1', maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0' }, () => {
          const protocol = socket.getProtocol() ?? '';
          socket.end();
          resolve(protocol);
        });
        socket.on('error', reject);
      });
    await expect(handshake('TLSv1.1')).rejects.toThrow();
    await expect(handshake('TLSv1.2')).resolves.toBe('TLSv1.2');
    await expect(handshake('TLSv1.3')).resolves.toBe('TLSv1.3');
  });
});

describe('certificate reload', () => {
  let dir: string;
  let source: FileCertSource;
  let app: FastifyInstance;
  let base: string;
  const issue = (): GeneratedCertificates => generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['127.0.0.1'], now: new Date() });

  /** Writes a pair the way a Secret volume update lands: new files renamed into place. */
  function install(certs: GeneratedCertificates): void {
    writeFileSync(join(dir, 'tls.crt.tmp'), certs.serving.cert);
    writeFileSync(join(dir, 'tls.key.tmp'), certs.serving.key);
    renameSync(join(dir, 'tls.crt.tmp'), join(dir, 'tls.crt'));
    renameSync(join(dir, 'tls.key.tmp'), join(dir, 'tls.key'));
  }

  const first = issue();
  const second = issue();
  const cas = [first.ca.cert, second.ca.cert];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tollgate-certs-'));
    install(first);
    source = await fileCertSource({ certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), debounceMs: 20, pollIntervalMs: 0 });
    app = buildApp(deps(store, { tls: source.current() }));
    followCertificates(app, source);
    base = `https://${await listenLocal(app)}`;
  });
  afterAll(async () => {
    await app.close();
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('no request fails while the files change; new connections get the new certificate, open ones keep working', async () => {
    const oldPrint = fingerprintSha256(first.serving.cert);
    const newPrint = fingerprintSha256(second.serving.cert);
    // A keep-alive connection opened before the rotation.
    const keepAlive = new https.Agent({ keepAlive: true, maxSockets: 1 });
    const before = await postJson(`${base}/validate`, fixtureReview({ uid: 'ka-1' }), { ca: cas, agent: keepAlive });
    expect(before.peerFingerprint).toBe(oldPrint);

    const seen = new Set<string>();
    const failures: unknown[] = [];
    let answered = 0;
    const rotation: { at?: number } = {};
    const changed = new Promise<void>((resolve) => source.onChange(() => resolve()));
    // Fresh connections (agent: false) so that every request performs its own handshake.
    const loop = (async () => {
      for (let i = 0; rotation.at === undefined || answered < rotation.at + 10; i++) {
        try {
          const res = await postJson(`${base}/validate`, fixtureReview({ uid: `r-${i}` }), { ca: cas, agent: false });
          if (res.status !== 200 || res.json<ReviewOut>().response.uid !== `r-${i}`) failures.push(res.text);
          if (res.peerFingerprint) seen.add(res.peerFingerprint);
          answered++;
        } catch (err) {
          failures.push(err);
        }
        if (i > 2000) throw new Error('the certificate never changed');
      }
    })();
    while (answered < 5 && failures.length === 0) await new Promise((r) => setTimeout(r, 5));
    install(second);
    await changed;
    rotation.at = answered;
    await loop;

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(15);
    expect(seen).toEqual(new Set([oldPrint, newPrint]));
    const after = await postJson(`${base}/validate`, fixtureReview({ uid: 'new' }), { ca: cas, agent: false });
    expect(after.peerFingerprint).toBe(newPrint);
    // The connection opened before the rotation is still served.
    const reused = await postJson(`${base}/validate`, fixtureReview({ uid: 'ka-2' }), { ca: cas, agent: keepAlive });
    expect(reused.json<ReviewOut>().response.uid).toBe('ka-2');
    keepAlive.destroy();
  });

  test('a broken rewrite keeps the current certificate', async () => {
    const current = fingerprintSha256(source.current().cert);
    writeFileSync(join(dir, 'tls.crt'), 'not a certificate');
    await source.reload();
    const res = await send(`${base}/healthz`, { ca: cas, agent: false });
    expect(res.status).toBe(200);
    expect(res.peerFingerprint).toBe(current);
  });
});
