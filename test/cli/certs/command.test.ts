/** `tollgate certs` run in-process through `main`, writing into temp directories. */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { checkMaterial, fingerprintSha256 } from '../../../src/tls/index.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const DAY = 86_400_000;

let cwd: string;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => Promise.resolve(''), cwd };
  const code = await main(argv, io, { now: () => NOW, random: () => 0.5 });
  return { code, out, err };
}

const read = (...parts: string[]): string => readFileSync(path.join(cwd, ...parts), 'utf8');
const mode = (...parts: string[]): number => statSync(path.join(cwd, ...parts)).mode & 0o777;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'tollgate-certs-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('tollgate certs', () => {
  it('writes the CA and the serving pair with private keys at 0600', async () => {
    const r = await run(['certs', '--out', 'out/certs', '--service', 'tollgate', '--namespace', 'policy', '--ip', '127.0.0.1', '10.1.2.3', '--host', 'tollgate.example.com', '--days', '30']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(cwd, 'out/certs')).sort()).toEqual(['ca.crt', 'ca.key', 'tls.crt', 'tls.key']);
    expect([mode('out/certs/ca.key'), mode('out/certs/tls.key'), mode('out/certs/ca.crt'), mode('out/certs/tls.crt')]).toEqual([0o600, 0o600, 0o644, 0o644]);

    const serving = new X509Certificate(read('out/certs/tls.crt'));
    const ca = new X509Certificate(read('out/certs/ca.crt'));
    expect(serving.subjectAltName).toBe(
      'DNS:tollgate, DNS:tollgate.policy, DNS:tollgate.policy.svc, DNS:tollgate.policy.svc.cluster.local, DNS:tollgate.example.com, IP Address:127.0.0.1, IP Address:10.1.2.3',
    );
    expect(ca.ca).toBe(true);
    expect(new Date(serving.validFrom).getTime()).toBe(NOW - 5 * 60_000);
    expect(new Date(serving.validTo).getTime()).toBe(NOW + 30 * DAY);
    expect(createPrivateKey(read('out/certs/tls.key')).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(checkMaterial({ cert: read('out/certs/tls.crt'), key: read('out/certs/tls.key'), ca: read('out/certs/ca.crt') }).ok).toBe(true);
    expect(ca.checkPrivateKey(createPrivateKey(read('out/certs/ca.key')))).toBe(true);

    const lines = r.out.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'wrote out/certs/ca.crt', 'wrote out/certs/ca.key', 'wrote out/certs/tls.crt', 'wrote out/certs/tls.key', 'CA fingerprint',
    ]);
    expect(lines[2]).toContain('valid until 2024-05-31T12:00:00.000Z');
    expect(lines[4]).toBe(`CA fingerprint (SHA-256): ${fingerprintSha256(read('out/certs/ca.crt'))}`);
    // No temp files left behind.
    expect(readdirSync(path.join(cwd, 'out/certs')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses to replace existing files unless --force', async () => {
    const args = ['certs', '--out', '.', '--service', 's', '--namespace', 'n'];
    expect((await run(args)).code).toBe(0);
    const firstCa = read('ca.crt');
    const again = await run(args);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds ca\.crt, ca\.key, tls\.crt, tls\.key; pass --force/);
    expect(read('ca.crt')).toBe(firstCa);

    writeFileSync(path.join(cwd, 'tls.key'), 'old', { mode: 0o644 });
    const forced = await run([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(read('ca.crt')).not.toBe(firstCa);
    expect(mode('tls.key')).toBe(0o600);
  });

  it.each([
    [['--service', 's', '--namespace', 'n'], 'missing flag: --out'],
    [['--out', 'd', '--namespace', 'n'], 'missing flag: --service'],
    [['--out', 'd', '--service', 's'], 'missing flag: --namespace'],
    [['--out', 'd', '--service', 'Tollgate', '--namespace', 'n'], '--service "Tollgate" is not a valid name'],
    [['--out', 'd', '--service', 's', '--namespace', 'a.b'], '--namespace "a.b" is not a valid name'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--ip', '10.0.0.256'], '--ip "10.0.0.256" is not an IPv4 or IPv6 address'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--ip', 'localhost'], '--ip "localhost" is not an IPv4 or IPv6 address'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--host', 'bad host'], '--host "bad host" is not a valid DNS name'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--days', '0'], '--days must be a whole number of days from 1 to 36500, got "0"'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--days', '1.5'], '--days must be a whole number of days from 1 to 36500, got "1.5"'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--days', 'ten'], '--days must be a whole number of days from 1 to 36500, got "ten"'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--key-bits', '1024'], '--key-bits must be 2048, 3072 or 4096, got "1024"'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', '--bits', '1024'], 'unknown flag: --bits'],
    [['--out', 'd', '--service', 's', '--namespace', 'n', 'extra'], 'unexpected argument: extra'],
  ])('exits 2 for %j', async (args, message) => {
    const r = await run(['certs', ...args]);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(`tollgate certs: ${message}`)).toBe(true);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('reports an output path it cannot write', async () => {
    writeFileSync(path.join(cwd, 'file'), '');
    const r = await run(['certs', '--out', 'file/sub', '--service', 's', '--namespace', 'n']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^tollgate certs: cannot write to .*file\/sub: /);
  });

  it('is listed in the help', async () => {
    expect((await run(['--help'])).out).toMatch(/^ {2}certs +write a CA and a serving certificate/m);
    const help = await run(['certs', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: tollgate certs --out DIR --service NAME --namespace NS/);
  });
});
