/** Per-key debounce: a key fires `wait` ms after its last push, with the last value pushed. */
import { clearTimeout, setTimeout } from 'node:timers';

export interface Debouncer<T> {
  push(key: string, value: T): void;
  cancel(key: string): void;
  clear(): void;
  /** Keys waiting to fire. */
  readonly size: number;
}

export function debouncer<T>(wait: number, fire: (key: string, value: T) => void): Debouncer<T> {
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; value: T }>();
  return {
    push(key, value) {
      const known = timers.get(key);
      if (known) {
        // Re-arming the same timer keeps one timer object per key however busy the resource is.
        known.value = value;
        known.timer.refresh();
        return;
      }
      const entry = {
        value,
        timer: setTimeout(() => {
          timers.delete(key);
          fire(key, entry.value);
        }, wait),
      };
      entry.timer.unref();
      timers.set(key, entry);
    },
    cancel(key) {
      const known = timers.get(key);
      if (!known) return;
      clearTimeout(known.timer);
      timers.delete(key);
    },
    clear() {
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    get size() {
      return timers.size;
    },
  };
}
