import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileCertSource, type FileCertSource, type TlsMaterial } from '../../src/tls/index.js';
import { nextChange, sleep, tempDir, testCertificates } from './helpers.js';

const DEBOUNCE = 50;
const pairA = testCertificates();
const pairB = testCertificates();
const pairC = testCertificates();

async function writePair(dir: string, pair: ReturnType<typeof testCertificates>): Promise<void> {
  await writeFile(join(dir, 'tls.crt'), pair.serving.cert);
  await writeFile(join(dir, 'tls.key'), pair.serving.key);
  await writeFile(join(dir, 'ca.crt'), pair.ca.cert);
}

/** Lays out a Secret volume as the kubelet does: a timestamped dir, `..data` pointing at it, file symlinks through `..data`. */
async function secretRevision(dir: string, name: string, pair: ReturnType<typeof testCertificates>): Promise<void> {
  const revision = join(dir, name);
  await mkdir(revision);
  await writePair(revision, pair);
  await symlink(name, join(dir, '..data_tmp'));
  await rename(join(dir, '..data_tmp'), join(dir, '..data'));
}

describe('fileCertSource', () => {
  let dir: { path: string; remove(): Promise<void> };
  let source: FileCertSource | undefined;
  let errors: string[];

  const open = async (withCa = true): Promise<FileCertSource> => {
    source = await fileCertSource({
      certFile: join(dir.path, 'tls.crt'),
      keyFile: join(dir.path, 'tls.key'),
      ...(withCa ? { caFile: join(dir.path, 'ca.crt') } : {}),
      debounceMs: DEBOUNCE,
      onError: (err) => errors.push(err.message),
    });
    return source;
  };

  const material = (pair: ReturnType<typeof testCertificates>): TlsMaterial => ({ cert: pair.serving.cert, key: pair.serving.key, ca: pair.ca.cert });

  beforeEach(async () => {
    dir = await tempDir();
    errors = [];
  });

  afterEach(async () => {
    await source?.close();
    source = undefined;
    await dir.remove();
  });

  it('loads the pair and the CA', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    expect(s.current()).toEqual(material(pairA));
    expect(await s.reload()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('leaves ca undefined without a CA file', async () => {
    await writePair(dir.path, pairA);
    const s = await open(false);
    expect(s.current()).toEqual({ cert: pairA.serving.cert, key: pairA.serving.key });
  });

  it.each([
    ['a missing key file', async (d: string) => writeFile(join(d, 'tls.crt'), pairA.serving.cert), /ENOENT/],
    ['a key of another certificate', async (d: string) => {
      await writePair(d, pairA);
      await writeFile(join(d, 'tls.key'), pairB.serving.key);
    }, /private key does not match the certificate/],
    ['a CA that did not sign the certificate', async (d: string) => {
      await writePair(d, pairA);
      await writeFile(join(d, 'ca.crt'), pairB.ca.cert);
    }, /certificate is not signed by the CA/],
    ['a truncated certificate', async (d: string) => {
      await writePair(d, pairA);
      await writeFile(join(d, 'tls.crt'), pairA.serving.cert.slice(0, 200));
    }, /holds no PEM certificate/],
  ])('refuses to start with %s', async (_label, setup, error) => {
    await setup(dir.path);
    await expect(open()).rejects.toThrow(error);
  });

  it('reloads when the files are rewritten in place', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    const changed = nextChange(s);
    await writePair(dir.path, pairB);
    expect(await changed).toEqual(material(pairB));
    expect(s.current()).toEqual(material(pairB));
  });

  it('reloads when new files are renamed into place', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    const staging = join(dir.path, 'staging');
    await mkdir(staging);
    await writePair(staging, pairB);
    const changed = nextChange(s);
    for (const name of ['tls.crt', 'tls.key', 'ca.crt']) await rename(join(staging, name), join(dir.path, name));
    expect(await changed).toEqual(material(pairB));
  });

  it('follows Secret volume rotations (the ..data symlink swap), again and again', async () => {
    await secretRevision(dir.path, '..2024_05_01_12_00_00.1', pairA);
    for (const name of ['tls.crt', 'tls.key', 'ca.crt']) await symlink(join('..data', name), join(dir.path, name));
    const s = await open();
    expect(s.current()).toEqual(material(pairA));

    let changed = nextChange(s);
    await secretRevision(dir.path, '..2024_05_02_12_00_00.2', pairB);
    await rm(join(dir.path, '..2024_05_01_12_00_00.1'), { recursive: true });
    expect(await changed).toEqual(material(pairB));

    changed = nextChange(s);
    await secretRevision(dir.path, '..2024_05_03_12_00_00.3', pairC);
    await rm(join(dir.path, '..2024_05_02_12_00_00.2'), { recursive: true });
    expect(await changed).toEqual(material(pairC));
    expect(errors).toEqual([]);
  });

  it('keeps the old pair on a bad write, reports it, and recovers on the next good write', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    const seen: TlsMaterial[] = [];
    s.onChange((m) => seen.push(m));

    await writeFile(join(dir.path, 'tls.key'), pairB.serving.key);
    await sleep(DEBOUNCE * 6);
    expect(s.current()).toEqual(material(pairA));
    expect(seen).toEqual([]);
    expect(errors.some((e) => e.includes('private key does not match the certificate'))).toBe(true);

    await writeFile(join(dir.path, 'tls.key'), '-----BEGIN PRIVATE KEY-----\nAAAA');
    await sleep(DEBOUNCE * 6);
    expect(s.current()).toEqual(material(pairA));
    expect(errors.some((e) => e.includes('private key does not parse'))).toBe(true);

    const changed = nextChange(s);
    await writePair(dir.path, pairB);
    expect(await changed).toEqual(material(pairB));
    expect(seen).toEqual([material(pairB)]);
  });

  it('keeps the old pair while a file is missing mid-swap', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    await rm(join(dir.path, 'tls.crt'));
    expect(await s.reload()).toBe(false);
    expect(s.current()).toEqual(material(pairA));
    expect(errors.some((e) => e.includes('ENOENT'))).toBe(true);
  });

  it('stops notifying an unsubscribed listener, and one throwing listener does not stop others', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    const calls: string[] = [];
    const off = s.onChange(() => calls.push('removed'));
    s.onChange(() => {
      throw new Error('listener broke');
    });
    s.onChange(() => calls.push('kept'));
    off();
    await writePair(dir.path, pairB);
    expect(await s.reload()).toBe(true);
    expect(calls).toEqual(['kept']);
    expect(errors).toContain('listener broke');
  });

  it('stops watching after close', async () => {
    await writePair(dir.path, pairA);
    const s = await open();
    const seen: TlsMaterial[] = [];
    s.onChange((m) => seen.push(m));
    await s.close();
    await writePair(dir.path, pairB);
    await sleep(DEBOUNCE * 6);
    expect(seen).toEqual([]);
    expect(s.current()).toEqual(material(pairA));
  });

  it('reloads on its poll timer when no file event arrives', async () => {
    await writePair(dir.path, pairA);
    source = await fileCertSource({ certFile: join(dir.path, 'tls.crt'), keyFile: join(dir.path, 'tls.key'), debounceMs: 60_000, pollIntervalMs: 100 });
    const changed = nextChange(source);
    await writePair(dir.path, pairB);
    expect((await changed).cert).toBe(pairB.serving.cert);
  });
});
