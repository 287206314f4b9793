/**
 * A keyed, debounced work queue that runs only while this replica leads: adding a key that is already waiting
 * replaces its task (the newest description of the work wins), a failed task comes back after a capped
 * exponential backoff, and tasks run one at a time under a lock that `exclusive` shares (the full reconcile), so
 * two writers never race inside one process. Nothing is dropped on failure unless the task sets `maxAttempts`.
 */

export interface QueueTask {
  key: string;
  run(): Promise<void>;
  /** Give up after this many failures (default: never). */
  maxAttempts?: number;
}

export interface WorkQueueOptions {
  isLeader(): boolean;
  debounceMs: number;
  backoff: { initialMs: number; maxMs: number };
  /** Waiting tasks beyond this are dropped, oldest first (a follower's queue must not grow without bound). */
  maxItems: number;
  onFailure(key: string, error: unknown, attempts: number, gaveUp: boolean): void;
}

export interface WorkQueue {
  add(task: QueueTask, delayMs?: number): void;
  /** Re-checks leadership and runs what is due. */
  kick(): void;
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  size(): number;
  /** Resolves when nothing is waiting or running (only meaningful on the leader). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Entry {
  task: QueueTask;
  dueAt: number;
  attempts: number;
}

export function workQueue(options: WorkQueueOptions): WorkQueue {
  const waiting = new Map<string, Entry>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  let idleWaiters: (() => void)[] = [];

  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  function settleIdle(): void {
    if (running || waiting.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (stopped || running || waiting.size === 0) return settleIdle();
    // A follower keeps its tasks without polling them; kick() resumes when it becomes leader.
    if (!options.isLeader()) return;
    const next = Math.min(...[...waiting.values()].map((e) => e.dueAt));
    timer = setTimeout(() => void drain(), Math.max(0, next - Date.now()));
    timer.unref();
  }

  async function drain(): Promise<void> {
    timer = undefined;
    if (running || stopped) return;
    if (!options.isLeader()) return;
    running = true;
    try {
      for (;;) {
        if (stopped || !options.isLeader()) break;
        const now = Date.now();
        const due = [...waiting.entries()].filter(([, e]) => e.dueAt <= now).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
        if (!due) break;
        const [key, entry] = due;
        waiting.delete(key);
        try {
          await exclusive(() => entry.task.run());
        } catch (error) {
          const attempts = entry.attempts + 1;
          const gaveUp = entry.task.maxAttempts !== undefined && attempts >= entry.task.maxAttempts;
          options.onFailure(key, error, attempts, gaveUp);
          // A newer task for the same key replaces the failed one (with a fresh count).
          if (!gaveUp && !waiting.has(key)) {
            const delay = Math.min(options.backoff.initialMs * 2 ** (attempts - 1), options.backoff.maxMs);
            waiting.set(key, { task: entry.task, dueAt: Date.now() + delay, attempts });
          }
        }
      }
    } finally {
      running = false;
      schedule();
    }
  }

  return {
    add(task, delayMs = options.debounceMs) {
      if (stopped) return;
      const previous = waiting.get(task.key);
      waiting.delete(task.key);
      waiting.set(task.key, { task, dueAt: Math.min(previous?.dueAt ?? Infinity, Date.now() + delayMs), attempts: 0 });
      while (waiting.size > options.maxItems) {
        const oldest = waiting.keys().next().value;
        if (oldest === undefined) break;
        waiting.delete(oldest);
        options.onFailure(oldest, new Error('the generate queue is full: dropped (the leader reconciles it)'), 0, true);
      }
      if (!running) schedule();
    },
    kick() {
      if (!running) schedule();
    },
    exclusive,
    size: () => waiting.size,
    idle() {
      if (!running && waiting.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      waiting.clear();
      await chain;
      settleIdle();
    },
  };
}
