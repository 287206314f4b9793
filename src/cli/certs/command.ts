/** `tollgate certs --out DIR --service NAME --namespace NS [--ip IP]... [--host HOST]... [--days N] [--key-bits N] [--force]`. */
import { X509Certificate } from 'node:crypto';
import path from 'node:path';
import type { EngineEnv } from '../../api/env.js';
import { isIP } from 'node:net';
import { CertificateOptionError, fingerprintSha256, generateCertificates, isDnsLabel, isDnsName } from '../../tls/index.js';
import type { GeneratedCertificates, GenerateOptions } from '../../tls/index.js';
import { parseArgs } from '../args.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { existingFiles, writeFilesAtomically, type OutputFile } from './write-files.js';

export const CERTS_FLAGS = { out: 'string', service: 'string', namespace: 'string', ip: 'list', host: 'list', days: 'string', 'key-bits': 'string', force: 'boolean' } as const;

const KEY_BITS = [2048, 3072, 4096];
const MAX_DAYS = 36_500;
const FILE_NAMES = ['ca.crt', 'ca.key', 'tls.crt', 'tls.key'];
const KEY_MODE = 0o600;
const CERT_MODE = 0o644;

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`missing flag: --${flag}`);
  return value;
}

function label(value: string, flag: string): string {
  if (!isDnsLabel(value)) throw new UsageError(`--${flag} ${JSON.stringify(value)} is not a valid name (lower-case letters, digits and '-', at most 63)`);
  return value;
}

function integerFlag(value: string | undefined, flag: string, fallback: number, valid: (n: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!valid(n)) throw new UsageError(`--${flag} must be ${expected}, got ${JSON.stringify(value)}`);
  return n;
}

function generateOrExplain(options: GenerateOptions): GeneratedCertificates {
  try {
    return generateCertificates(options);
  } catch (err) {
    if (err instanceof CertificateOptionError) throw new UsageError(err.message);
    throw err;
  }
}

export async function runCertsCommand(argv: readonly string[], io: CliIo, env: EngineEnv): Promise<number> {
  const parsed = parseArgs(argv, { flags: CERTS_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags } = parsed.value;
  const out = path.resolve(io.cwd, required(flags.out, 'out'));
  const service = label(required(flags.service, 'service'), 'service');
  const namespace = label(required(flags.namespace, 'namespace'), 'namespace');
  const days = integerFlag(flags.days, 'days', 365, (n) => n >= 1 && n <= MAX_DAYS, `a whole number of days from 1 to ${MAX_DAYS}`);
  const keyBits = integerFlag(flags['key-bits'], 'key-bits', 2048, (n) => KEY_BITS.includes(n), KEY_BITS.join(', ').replace(/, (\d+)$/, ' or $1'));

  const ips = flags.ip.map((ip) => {
    if (isIP(ip) === 0) throw new UsageError(`--ip ${JSON.stringify(ip)} is not an IPv4 or IPv6 address`);
    return ip;
  });
  const hosts = flags.host.map((host) => {
    if (!isDnsName(host)) throw new UsageError(`--host ${JSON.stringify(host)} is not a valid DNS name`);
    return host;
  });

  // Checked before the (slow) key generation.
  const existing = await existingFiles(out, FILE_NAMES);
  if (existing.length > 0 && !flags.force) {
    throw new UsageError(`${out} already holds ${existing.join(', ')}; pass --force to replace them (a new CA invalidates the old caBundle)`);
  }

  const generated = generateOrExplain({ service, namespace, ips, hosts, validityDays: days, keyBits, now: new Date(env.now()) });
  const files: OutputFile[] = [
    { name: 'ca.crt', content: generated.ca.cert, mode: CERT_MODE },
    { name: 'ca.key', content: generated.ca.key, mode: KEY_MODE },
    { name: 'tls.crt', content: generated.serving.cert, mode: CERT_MODE },
    { name: 'tls.key', content: generated.serving.key, mode: KEY_MODE },
  ];
  try {
    await writeFilesAtomically(out, files);
  } catch (err) {
    throw new UsageError(`cannot write to ${out}: ${err instanceof Error ? err.message : String(err)}`);
  }

  const serving = new X509Certificate(generated.serving.cert);
  const ca = new X509Certificate(generated.ca.cert);
  const shown = path.relative(io.cwd, out) || '.';
  io.stdout(
    [
      `wrote ${path.join(shown, 'ca.crt')}   CA certificate, ${ca.subject}, valid until ${new Date(ca.validTo).toISOString()}`,
      `wrote ${path.join(shown, 'ca.key')}   CA private key (mode 0600)`,
      `wrote ${path.join(shown, 'tls.crt')}  serving certificate, ${serving.subjectAltName ?? ''}, valid until ${new Date(serving.validTo).toISOString()}`,
      `wrote ${path.join(shown, 'tls.key')}  serving private key (mode 0600)`,
      `CA fingerprint (SHA-256): ${fingerprintSha256(generated.ca.cert)}`,
      '',
    ].join('\n'),
  );
  return EXIT_OK;
}
