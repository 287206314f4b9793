/**
 * Policies from a directory, reloaded when files change. Each file keeps its last good policies: an edit
 * that breaks a file reports why and leaves that file's previous policies in force; other files reload as usual.
 * A deleted file takes its policies with it.
 */
import { type FSWatcher, watch } from 'node:fs';
import type { LoadedPolicy } from '../../api/policy.js';
import { loadPolicyFiles } from '../load-files.js';
import type { PolicyLoadError } from '../types.js';
import { Listeners } from './listeners.js';
import type { PolicySource } from './types.js';

export interface DirectorySourceOptions {
  /** Quiet time after the last file event before reloading (editors write in several steps); default 200 ms. */
  debounceMs?: number;
  /** Called after a reload whose errors differ from the previous reload's, with all current errors. */
  onError?: (errors: readonly PolicyLoadError[]) => void;
}

interface FileState {
  policies: readonly LoadedPolicy[];
  errors: readonly PolicyLoadError[];
  /** Serialised content, to tell a real change from a rewrite with the same content. */
  fingerprint: string;
}

export interface DirectorySource extends PolicySource {
  /** Reloads now (bypassing the debounce); resolves when the reload is applied. */
  reload(): Promise<void>;
}

function fingerprint(policies: readonly LoadedPolicy[], errors: readonly PolicyLoadError[]): string {
  return JSON.stringify([policies.map((p) => p.policy), errors.map((e) => e.message)]);
}

/** Groups one directory load by file; a file appears if it yielded a policy or an error. */
function byFile(policies: readonly LoadedPolicy[], errors: readonly PolicyLoadError[]): Map<string, { policies: LoadedPolicy[]; errors: PolicyLoadError[] }> {
  const out = new Map<string, { policies: LoadedPolicy[]; errors: PolicyLoadError[] }>();
  const entry = (file: string) => {
    let e = out.get(file);
    if (e === undefined) {
      e = { policies: [], errors: [] };
      out.set(file, e);
    }
    return e;
  };
  for (const p of policies) entry(p.source?.file ?? '').policies.push(p);
  for (const e of errors) entry(e.file).errors.push(e);
  return out;
}

export function directorySource(dir: string, options: DirectorySourceOptions = {}): DirectorySource {
  const debounceMs = options.debounceMs ?? 200;
  const listeners = new Listeners();
  let files = new Map<string, FileState>();
  let snapshot: { policies: readonly LoadedPolicy[]; errors: readonly PolicyLoadError[] } = { policies: [], errors: [] };
  let isReady = false;
  let closed = false;
  let watcher: FSWatcher | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let watchError: PolicyLoadError | undefined;
  let lastErrorKey = '';

  async function loadOnce(): Promise<void> {
    const result = await loadPolicyFiles([dir]);
    if (closed) return;
    // The directory itself unreadable (removed, remounted): keep every file's policies, report why.
    const rootError = result.errors.find((e) => e.kind === 'io' && e.file === dir);
    const next = new Map<string, FileState>(rootError ? files : []);
    if (rootError) next.set(dir, { policies: [], errors: [rootError], fingerprint: rootError.message });
    for (const [file, loaded] of rootError ? [] : byFile(result.policies, result.errors)) {
      const previous = files.get(file);
      // A broken file keeps the policies of its last good version; a new broken file serves what did load.
      const policies = loaded.errors.length > 0 && previous !== undefined ? previous.policies : loaded.policies;
      const fp = fingerprint(policies, loaded.errors);
      next.set(file, previous !== undefined && previous.fingerprint === fp ? previous : { policies, errors: loaded.errors, fingerprint: fp });
    }
    // The first load always counts as a change: it is how a store learns the initial set.
    const changed = !isReady || next.size !== files.size || [...next].some(([file, state]) => files.get(file) !== state);
    files = next;
    if (changed) {
      const states = [...files.values()];
      const errors = [...states.flatMap((s) => s.errors), ...(watchError ? [watchError] : [])];
      snapshot = { policies: states.flatMap((s) => s.policies), errors };
    }
    isReady = true;
    const errorKey = snapshot.errors.map((e) => e.message).join('\n');
    if (errorKey !== lastErrorKey && snapshot.errors.length > 0) options.onError?.(snapshot.errors);
    lastErrorKey = errorKey;
    if (changed) listeners.emit();
  }

  /** Reloads are serialised: an event during a reload schedules exactly one more. */
  function reload(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await loadOnce();
      } while (again && !closed);
    })().finally(() => (running = undefined));
    return running;
  }

  function schedule(): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void reload();
    }, debounceMs);
  }

  return {
    name: `directory:${dir}`,
    async start() {
      try {
        watcher = watch(dir, { recursive: true }, schedule);
        // A watcher error (directory removed, too many watches) is reported; the last good policies stay.
        watcher.on('error', (err) => {
          watchError = { kind: 'io', file: dir, reason: `watch failed: ${err.message}`, message: `${dir}: watch failed: ${err.message}` };
          schedule();
        });
      } catch (err) {
        watchError = { kind: 'io', file: dir, reason: `cannot watch: ${err instanceof Error ? err.message : String(err)}`, message: `${dir}: cannot watch: ${err instanceof Error ? err.message : String(err)}` };
      }
      await reload();
    },
    current: () => snapshot,
    onChange: (listener) => listeners.add(listener),
    ready: () => isReady,
    reload,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      await running;
    },
  };
}
