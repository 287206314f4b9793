/**
 * `tollgate serve` as a real process (needs `npm run build`): HTTPS with certificate files, graceful shutdown
 * on SIGTERM with requests in flight, the self-signed default, and startup errors.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCertificates, type GeneratedCertificates } from '../../../src/tls/index.js';
import { postJson, send } from '../../server/http-client.js';
import { FIXTURE_UID, fixtureReview } from '../../server/support.js';

const root = process.cwd();
const bin = path.join(root, 'dist/src/cli/main.js');

/** The environment without anything that would point the server at a cluster. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KUBERNETES_') && !k.startsWith('TOLLGATE_')) env[k] = v;
  return env;
}

interface Server {
  child: ChildProcessWithoutNullStreams;
  port: number;
  lines: Record<string, unknown>[];
  stderr: string[];
  exit: Promise<number | null>;
}

function startServe(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'serve', '--host', '127.0.0.1', '--port', '0', ...args], { cwd: root, env: cleanEnv() });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        const m = /^Server listening at https:\/\/127\.0\.0\.1:(\d+)$/.exec(String(parsed.msg));
        if (m) resolve({ child, port: Number(m[1]), lines, stderr, exit });
      }
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening: ${stderr.join('')}`)));
  });
}

/** A request whose body is only half sent: it is in flight until `finish` sends the rest. */
function halfSent(port: number, ca: string, body: string, agent: https.Agent): { finish(): void; reply: Promise<{ status: number; text: string }> } {
  let req: ReturnType<typeof https.request> | undefined;
  const reply = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req = https.request(
      { host: '127.0.0.1', port, path: '/validate', method: 'POST', ca, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, body.length / 2));
  });
  return { reply, finish: () => req?.end(body.slice(body.length / 2)) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('tollgate serve (built)', () => {
  let dir: string;
  let certs: GeneratedCertificates;

  beforeAll(() => {
    if (!existsSync(bin)) throw new Error('dist/src/cli/main.js is missing: run `npm run build` first');
    dir = mkdtempSync(path.join(tmpdir(), 'tollgate-serve-'));
    certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['127.0.0.1'], now: new Date() });
    writeFileSync(path.join(dir, 'tls.crt'), certs.serving.cert);
    writeFileSync(path.join(dir, 'tls.key'), certs.serving.key);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('answers over HTTPS, and on SIGTERM stops accepting, finishes the requests in flight and exits 0', async () => {
    const server = await startServe(['--cert', path.join(dir, 'tls.crt'), '--key', path.join(dir, 'tls.key')]);
    const base = `https://127.0.0.1:${server.port}`;
    try {
      const ready = await send(`${base}/readyz`, { ca: certs.ca.cert });
      expect(ready.json()).toEqual({ status: 'ready', checks: { policies: true } });
      const denied = await postJson(`${base}/validate`, fixtureReview(), { ca: certs.ca.cert });
      expect(denied.json<{ response: { uid: string; allowed: boolean } }>().response).toMatchObject({ uid: FIXTURE_UID, allowed: false });

      // Keep-alive connections, as the API server uses: shutdown must not wait for them to time out.
      const agent = new https.Agent({ keepAlive: true, maxSockets: 5 });
      const inFlight = Array.from({ length: 5 }, (_, i) => halfSent(server.port, certs.ca.cert, JSON.stringify(fixtureReview({ uid: `flight-${i}` })), agent));
      await sleep(300);
      server.child.kill('SIGTERM');
      await sleep(300);
      // No new connections once shutting down.
      await expect(send(`${base}/healthz`, { ca: certs.ca.cert, agent: false })).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
      inFlight.forEach((r) => r.finish());
      const replies = await Promise.all(inFlight.map((r) => r.reply));
      replies.forEach((r, i) => {
        expect(r.status).toBe(200);
        expect((JSON.parse(r.text) as { response: { uid: string } }).response.uid).toBe(`flight-${i}`);
      });
      const started = Date.now();
      expect(await server.exit).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      agent.destroy();
      const messages = server.lines.map((l) => l.msg);
      expect(messages).toEqual(expect.arrayContaining(['shutting down: no new connections, finishing requests in flight', 'shut down']));
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  test('without certificate files it serves a self-signed certificate and logs the CA fingerprint; SIGINT exits 0', async () => {
    const server = await startServe([]);
    try {
      const line = server.lines.find((l) => typeof l.caFingerprint === 'string');
      expect(String(line?.caFingerprint)).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const res = await new Promise<number>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port: server.port, path: '/healthz', rejectUnauthorized: false, agent: false }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(res).toBe(200);
      server.child.kill('SIGINT');
      expect(await server.exit).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  test.each([
    { args: ['--timeout-ms', 'x'], error: 'tollgate serve: --timeout-ms: expected a whole number, got "x"\n' },
    { args: ['--policies', 'no/such/dir'], error: 'tollgate serve: --policies: no/such/dir is not a directory\n' },
    { args: ['--cert', 'a.pem'], error: 'tollgate serve: --cert needs --key (or TOLLGATE_TLS_KEY_FILE) too\n' },
    { args: ['--cert', 'missing.crt', '--key', 'missing.key'], error: /^tollgate serve: cannot load the certificate: .*missing\.crt/ },
    {
      args: ['--register'],
      error: 'tollgate serve: --register needs a cluster to write the webhook configurations to: give --kubeconfig (or TOLLGATE_KUBECONFIG), or run in a Pod with a service account\n',
    },
    { args: ['--url', 'https://127.0.0.1:9443'], error: 'tollgate serve: --url only applies with --register\n' },
    { args: ['--register', '--kubeconfig', 'kc', '--url', 'http://x:1'], error: 'tollgate serve: --url: "http://x:1": the API server calls webhooks over https only\n' },
  ])('startup error $args -> exit 2', ({ args, error }) => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd: root, env: cleanEnv(), encoding: 'utf8', timeout: 15000 });
    expect(r.status).toBe(2);
    if (typeof error === 'string') expect(r.stderr).toBe(error);
    else expect(r.stderr).toMatch(error);
  });
});
