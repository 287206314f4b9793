/**
 * The JSON context of one foreach element, shared by validate and mutate: `element`, `elementIndex`, and
 * `element<N>` / `elementIndex<N>` for nesting depth N, plus the caller's per-iteration `foreachValues`.
 */
import { withPath } from '../context/dotted-path.js';
import type { ContextData } from '../context/request-context.js';

/** `element<N>` / `elementIndex<N>` for the usual nesting depths, written once rather than per element. */
const DEPTH_KEYS: ReadonlyArray<readonly [string, string]> = Array.from({ length: 8 }, (_, n) => [`element${n}`, `elementIndex${n}`] as const);

function depthKeys(nesting: number): readonly [string, string] {
  return DEPTH_KEYS[nesting] ?? [`element${nesting}`, `elementIndex${nesting}`];
}

export function elementContext(base: ContextData, element: unknown, index: number, nesting: number, foreachValues?: Record<string, unknown[]>): ContextData {
  const [elementKey, indexKey] = depthKeys(nesting);
  // Copy, then set: `{ ...data, newKey }` is a slow path in V8 (microseconds per element).
  let data: ContextData = Object.assign({}, base);
  data.element = element;
  data.elementIndex = index;
  data[elementKey] = element;
  data[indexKey] = index;
  if (foreachValues) {
    for (const [key, values] of Object.entries(foreachValues)) {
      if (index < values.length) data = withPath(data, key, values[index]);
    }
  }
  return data;
}
