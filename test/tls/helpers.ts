/** Shared fixtures for the TLS tests: small keys for speed, temp directories, waiting for events. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificates } from '../../src/tls/index.js';
import type { CertSource, TlsMaterial } from '../../src/tls/index.js';

export const NOW = new Date('2024-05-01T12:00:00.000Z');

export function testCertificates(service = 'tollgate', namespace = 'tollgate'): ReturnType<typeof generateCertificates> {
  return generateCertificates({ service, namespace, ips: ['127.0.0.1'], keyBits: 1024, now: new Date() });
}

export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'tollgate-tls-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Resolves with the next material a source announces, or rejects after `ms`. */
export function nextChange(source: CertSource, ms = 5000): Promise<TlsMaterial> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no certificate change within ${ms} ms`));
    }, ms);
    const off = source.onChange((material) => {
      clearTimeout(timer);
      off();
      resolvePromise(material);
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
