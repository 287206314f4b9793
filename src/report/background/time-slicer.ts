/**
 * Cooperative slicing: a long scan checks in after every unit of work and, once its slice has lasted `sliceMs`,
 * gives the event loop a turn (setImmediate runs after pending I/O, so queued admission requests go first).
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

export interface TimeSlicer {
  /** Resolves at once while the slice lasts; after a yield otherwise. */
  checkpoint(): Promise<void> | undefined;
  /** How many times this slicer yielded. */
  readonly yields: number;
}

export function timeSlicer(sliceMs: number, clock: () => number = () => performance.now()): TimeSlicer {
  let start = clock();
  let yields = 0;
  return {
    checkpoint() {
      if (clock() - start < sliceMs) return undefined;
      yields++;
      return nextTurn().then(() => {
        start = clock();
      });
    },
    get yields() {
      return yields;
    },
  };
}
