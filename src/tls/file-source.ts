/**
 * A CertSource backed by PEM files that reloads when they change: Secret volume rotation (the
 * `..data` symlink swap), files renamed into place, or files rewritten in place. A reload that fails
 * (missing file, half-written pair, key of another certificate) keeps the old material and reports.
 */
import { readFile, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkMaterial, sameMaterial } from './check-material.js';
import { DirWatchers } from './dir-watchers.js';
import { Listeners } from './listeners.js';
import type { CertSource, TlsMaterial } from './types.js';

export interface FileCertSourceOptions {
  certFile: string;
  keyFile: string;
  caFile?: string;
  /** Quiet time after the last file event before reloading (default 200 ms). */
  debounceMs?: number;
  /** Safety net for file systems where watching is unreliable: also reload this often (default 60 s; 0 turns it off). */
  pollIntervalMs?: number;
  onError?(err: Error): void;
}

export interface FileCertSource extends CertSource {
  /** Reloads now; resolves true when new material was taken, false when unchanged or rejected. */
  reload(): Promise<boolean>;
}

async function readMaterial(files: { certFile: string; keyFile: string; caFile?: string }): Promise<TlsMaterial> {
  const [cert, key, ca] = await Promise.all([
    readFile(files.certFile, 'utf8'),
    readFile(files.keyFile, 'utf8'),
    files.caFile === undefined ? undefined : readFile(files.caFile, 'utf8'),
  ]);
  return ca === undefined ? { cert, key } : { cert, key, ca };
}

async function loadChecked(files: { certFile: string; keyFile: string; caFile?: string }): Promise<TlsMaterial> {
  const material = await readMaterial(files);
  const check = checkMaterial(material);
  if (!check.ok) throw new Error(`${files.certFile} / ${files.keyFile}: ${check.error}`);
  return check.material;
}

/** The directories whose changes may change what the paths read: their parents and, through symlinks, their targets' parents. */
async function dirsOf(paths: readonly string[]): Promise<Set<string>> {
  const dirs = new Set<string>();
  for (const path of paths) {
    dirs.add(dirname(path));
    try {
      dirs.add(dirname(await realpath(path)));
    } catch {
      // Missing right now (mid-swap): the parent directory's watch will see it come back.
    }
  }
  return dirs;
}

const toError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** Loads the files (rejecting when they are missing or do not form a valid pair) and starts watching them. */
export async function fileCertSource(options: FileCertSourceOptions): Promise<FileCertSource> {
  const files = {
    certFile: resolve(options.certFile),
    keyFile: resolve(options.keyFile),
    ...(options.caFile === undefined ? {} : { caFile: resolve(options.caFile) }),
  };
  const paths = [files.certFile, files.keyFile, ...(files.caFile === undefined ? [] : [files.caFile])];
  const debounceMs = options.debounceMs ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const report = (err: Error): void => {
    try {
      options.onError?.(err);
    } catch {
      // A failing error reporter must not break the reload loop.
    }
  };

  let current = await loadChecked(files);
  let closed = false;
  let debounce: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;
  let again = false;
  const listeners = new Listeners(report);

  const reloadOnce = async (): Promise<boolean> => {
    // Re-resolve symlinks first so a swapped `..data` target directory gets watched too.
    const dirs = await dirsOf(paths);
    if (closed) return false;
    watchers.sync(dirs);
    let next: TlsMaterial;
    try {
      next = await loadChecked(files);
    } catch (err) {
      report(toError(err));
      return false;
    }
    if (closed || sameMaterial(next, current)) return false;
    current = next;
    listeners.emit(current);
    return true;
  };

  // Reloads never overlap; an event during a reload schedules one more pass so the last write wins.
  const reload = (): Promise<boolean> => {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = (async () => {
      let changed = false;
      do {
        again = false;
        changed = (await reloadOnce()) || changed;
      } while (again && !closed);
      return changed;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (): void => {
    if (closed) return;
    if (debounce !== undefined) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = undefined;
      void reload();
    }, debounceMs);
  };

  const watchers = new DirWatchers(schedule, report);
  watchers.sync(await dirsOf(paths));
  const poll = pollIntervalMs > 0 ? setInterval(() => void reload(), pollIntervalMs) : undefined;
  poll?.unref();

  return {
    current: () => current,
    onChange: (listener) => listeners.add(listener),
    reload,
    async close() {
      closed = true;
      if (debounce !== undefined) clearTimeout(debounce);
      if (poll !== undefined) clearInterval(poll);
      watchers.closeAll();
      await running;
      listeners.clear();
    },
  };
}
