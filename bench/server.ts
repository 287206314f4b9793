/**
 * Server benchmark (`npm run bench`): Tollgate's HTTPS webhook under load on loopback (autocannon, 64
 * connections, Pod CREATE AdmissionReviews of realistic size), in the same run as a bare fastify HTTPS
 * endpoint that parses the same body and allows it. Scenarios: (a) the policies/ defaults, (b) the Pod
 * Security Standards policies of the conformance corpus, (c) 500 policies none of which match Pods, and
 * (d) sidecar injection on /mutate (policies/sidecar-injection.yaml, a Pod that opts in by annotation), and
 * the ceiling for (d): the bare endpoint answering with (d)'s own JSON patch, no engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { generateCertificates } from '../src/tls/index.js';
import { podReview } from './fixtures.js';

const CORPUS = resolve(process.env.TOLLGATE_CONFORMANCE ?? '../shared/conformance/kyverno-policies');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** `BENCH_ONLY=b,d` runs those scenarios only (the bare endpoint always runs). */
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());

interface Figures {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** Server process CPU time (user + system) per request in µs, where /proc tells it (Linux). */
  cpuPerRequestUs?: number;
}

/**
 * CPU time of a process in ms, from /proc/PID/stat (utime + stime, in clock ticks of 10 ms), or undefined
 * off Linux. The throughput ratio depends on how much CPU the load generator leaves the server (both share
 * the machine); CPU per request does not, so both are printed.
 */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const r = await autocannon({ url: `https://127.0.0.1:${port}/readyz`, amount: 1, connections: 1, timeout: 1 }).catch(() => undefined);
    if (r && r['2xx'] === 1) return;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error('server did not become ready');
}

/** One request before the load, so a scenario that does not do what it claims (no patch, a denial) is caught. */
function probe(port: number, route: string, body: string): Promise<{ allowed?: boolean; patchType?: string; patch?: string }> {
  return new Promise((ok, fail) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: route, method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => ok((JSON.parse(text) as { response?: { allowed?: boolean; patchType?: string; patch?: string } }).response ?? {}));
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function load(label: string, port: number, body: string, route = '/validate', serverPid?: number): Promise<Figures> {
  const url = `https://127.0.0.1:${port}${route}`;
  const opts = { url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, pipelining: 1 };
  await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, caches, TLS sessions
  const cpu0 = processCpuMs(serverPid);
  const r = await autocannon({ ...opts, duration: DURATION });
  const cpu1 = processCpuMs(serverPid);
  const cpuPerRequestUs = cpu0 !== undefined && cpu1 !== undefined && r.requests.total > 0 ? ((cpu1 - cpu0) * 1000) / r.requests.total : undefined;
  return {
    label,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    p999: r.latency.p99_9,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
    ...(cpuPerRequestUs !== undefined ? { cpuPerRequestUs } : {}),
  };
}

async function withChild<T>(args: string[], port: number, run: (pid: number | undefined) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(port, child);
    return await run(child.pid);
  } finally {
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
  }
}

function pssDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-pss-'));
  for (const d of readdirSync(CORPUS).filter((n) => n.startsWith('pod-security__'))) cpSync(join(CORPUS, d), join(dir, d), { recursive: true });
  return dir;
}

function sidecarDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-sidecar-'));
  cpSync(resolve('policies/sidecar-injection.yaml'), join(dir, 'sidecar-injection.yaml'));
  return dir;
}

function unmatchedDir(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-500-'));
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: service-policy-${i}}
spec:
  validationFailureAction: Enforce
  rules:
  - name: require-owner-${i}
    match: {any: [{resources: {kinds: [Service, ConfigMap]}}]}
    validate:
      message: "owner label required"
      pattern: {metadata: {labels: {owner: "?*"}}}
`);
  }
  writeFileSync(join(dir, 'policies.yaml'), docs.join('---\n'));
  return dir;
}

/** The bare endpoint's figures for ratios: the mean of its runs before and after the scenarios (drift). */
interface Baseline {
  rps: number;
  cpuPerRequestUs?: number;
}

function row(f: Figures, bare?: Baseline): string {
  const cpu = f.cpuPerRequestUs !== undefined ? `   server CPU ${f.cpuPerRequestUs.toFixed(0)} µs/req` : '';
  const ratio = bare ? `  ratio ${(f.rps / bare.rps).toFixed(2)}` : '';
  const cpuRatio = bare?.cpuPerRequestUs !== undefined && f.cpuPerRequestUs !== undefined ? ` (CPU ratio ${(bare.cpuPerRequestUs / f.cpuPerRequestUs).toFixed(2)})` : '';
  return `  ${f.label.padEnd(34)} ${Math.round(f.rps).toLocaleString('en-US').padStart(7)} req/s   p50 ${f.p50} ms   p99 ${f.p99} ms   p99.9 ${f.p999} ms   errors ${f.errors}   non-2xx ${f.non2xx}   (${f.requests} requests)${cpu}${ratio}${cpuRatio}`;
}

function baselineOf(runs: readonly Figures[]): Baseline {
  const rps = runs.reduce((sum, f) => sum + f.rps, 0) / runs.length;
  const cpus = runs.map((f) => f.cpuPerRequestUs).filter((v): v is number => v !== undefined);
  return { rps, ...(cpus.length === runs.length ? { cpuPerRequestUs: cpus.reduce((a, b) => a + b, 0) / cpus.length } : {}) };
}

async function main(): Promise<void> {
  const certDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-certs-'));
  const certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['127.0.0.1'], now: new Date() });
  writeFileSync(join(certDir, 'tls.crt'), certs.serving.cert);
  writeFileSync(join(certDir, 'tls.key'), certs.serving.key);
  const body = JSON.stringify(podReview(1));
  console.log(`Tollgate server benchmark: node ${process.version}, ${CONNECTIONS} connections, ${DURATION}s per scenario, body ${body.length} bytes\n`);

  const runBare = async (label: string, patch?: { patch: string; body: string }): Promise<Figures> => {
    const barePort = await freePort();
    const args = [resolve('dist/bench/bare-server.js'), String(barePort), join(certDir, 'tls.crt'), join(certDir, 'tls.key'), ...(patch ? [patch.patch] : [])];
    const [payload, route] = patch ? [patch.body, '/mutate'] : [body, '/validate'];
    return withChild(args, barePort, (pid) => load(label, barePort, payload, route, pid));
  };
  const bareBefore = await runBare('bare fastify (parse + allow)');
  console.log(row(bareBefore));
  const results: Figures[] = [];

  const injectReview = podReview(1);
  const meta = (injectReview.request?.object as { metadata: { annotations: Record<string, string> } }).metadata;
  meta.annotations = { ...meta.annotations, 'sidecar.istio.io/inject': 'true' };
  const scenarios: [string, string, string, string][] = [
    ['(a) policies/ defaults', resolve('policies'), '/validate', body],
    ['(b) Pod Security Standards', pssDir(), '/validate', body],
    ['(c) 500 policies, none match Pods', unmatchedDir(500), '/validate', body],
    ['(d) sidecar injection (/mutate)', sidecarDir(), '/mutate', JSON.stringify(injectReview)],
  ];
  let sidecarPatch: { patch: string; body: string } | undefined;
  for (const [label, dir, route, payload] of scenarios) {
    if (ONLY && !ONLY.includes(label.slice(1, 2))) continue;
    const port = await freePort();
    const args = [resolve('dist/src/cli/main.js'), 'serve', '--policies', dir, '--port', String(port), '--host', '127.0.0.1', '--cert', join(certDir, 'tls.crt'), '--key', join(certDir, 'tls.key'), '--log-level', 'warn'];
    const figures = await withChild(args, port, async (pid) => {
      const answer = await probe(port, route, payload);
      if (route === '/mutate') {
        if (answer.patchType !== 'JSONPatch' || answer.patch === undefined) throw new Error(`${label}: the probe request got no patch`);
        sidecarPatch = { patch: answer.patch, body: payload };
      }
      return load(label, port, payload, route, pid);
    });
    console.log(row(figures, baselineOf([bareBefore])));
    results.push(figures);
  }
  // The ceiling for (d): the bare endpoint sending (d)'s own patch with no engine at all; no webhook that
  // answers with this patch can beat its ratio in this setup.
  if (sidecarPatch) {
    const ceiling = await runBare(`(d) ceiling: bare + same patch`, sidecarPatch);
    console.log(row(ceiling, baselineOf([bareBefore])));
    results.push(ceiling);
  }
  // Again at the end: the ratios below use the mean of both bare runs, so drift of the machine shows.
  const bareAfter = await runBare('bare fastify, again');
  console.log(row(bareAfter));
  const bare = baselineOf([bareBefore, bareAfter]);
  console.log(`\nratios to the mean of both bare runs (${Math.round(bare.rps).toLocaleString('en-US')} req/s${bare.cpuPerRequestUs !== undefined ? `, ${bare.cpuPerRequestUs.toFixed(0)} µs CPU/req` : ''}):`);
  for (const f of results) console.log(row(f, bare));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
