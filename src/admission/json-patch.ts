/**
 * The JSON Patch the /mutate webhook answers with: a small RFC 6902 patch from the request's object to the
 * mutated one. Mutations are copy-on-write, so untouched subtrees are the same references (`===` skips them).
 */
import { isRecord } from '../api/json.js';
import type { JsonPatchOp } from '../api/json-patch.js';
import { escapePointerToken } from '../api/json-pointer.js';
import { deepEqualJson } from '../engine/values/index.js';

/** Above this many element pairs, arrays are aligned by position instead of by a common-subsequence search. */
const ALIGN_LIMIT = 10_000;

/** The minimal RFC 6902 patch that turns `original` into `patched` (both plain JSON values). [] when equal. */
export function diffJsonPatch(original: unknown, patched: unknown): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  diffValue(original, patched, '', ops);
  return ops;
}

function diffValue(a: unknown, b: unknown, path: string, ops: JsonPatchOp[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffArray(a, b, path, ops);
  if (isRecord(a) && isRecord(b)) return diffObject(a, b, path, ops);
  // Leaves that are not `===` differ (containers of different kinds always do).
  ops.push({ op: 'replace', path, value: b });
}

function diffObject(a: Record<string, unknown>, b: Record<string, unknown>, path: string, ops: JsonPatchOp[]): void {
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    const child = path + '/' + escapePointerToken(key);
    if (Object.hasOwn(b, key)) diffValue(a[key], b[key], child, ops);
    else ops.push({ op: 'remove', path: child });
  }
  for (const key in b) {
    if (Object.hasOwn(b, key) && !Object.hasOwn(a, key)) ops.push({ op: 'add', path: path + '/' + escapePointerToken(key), value: b[key] });
  }
}

function same(x: unknown, y: unknown): boolean {
  return x === y || deepEqualJson(x, y);
}

/**
 * Common prefix and suffix are skipped; a middle that is only inserted or only removed becomes adds or removes
 * (highest index first). Otherwise elements are aligned (see alignMiddle) and the result is compared with one
 * replace of the whole array when it had to overwrite elements.
 */
function diffArray(a: readonly unknown[], b: readonly unknown[], path: string, ops: JsonPatchOp[]): void {
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && same(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && same(a[endA - 1], b[endB - 1])) {
    endA--;
    endB--;
  }
  if (endA === start) {
    for (let j = start; j < endB; j++) ops.push({ op: 'add', path: `${path}/${j}`, value: b[j] });
    return;
  }
  if (endB === start) {
    for (let i = endA - 1; i >= start; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
    return;
  }
  const script: JsonPatchOp[] = [];
  const overwritten = alignMiddle(a, b, start, endA, endB, path, script);
  if (overwritten > 0 && script.length > 1) ops.push({ op: 'replace', path, value: b });
  else for (const op of script) ops.push(op);
}

/** A pair of elements, by index into the middles, that is kept (`equal`) or diffed in place. */
interface Match {
  i: number;
  j: number;
  equal: boolean;
}

/**
 * Aligns a[start, endA) with b[start, endB) as a heaviest common subsequence where equal elements weigh 2 and
 * elements of the same identity (see sameIdentity) weigh 1 and are diffed recursively. Unaligned elements
 * between two aligned pairs overwrite each other by position; the surplus is added or removed. Emits from the
 * right end leftwards so every index is still the original one. Returns how many elements were overwritten.
 */
function alignMiddle(a: readonly unknown[], b: readonly unknown[], start: number, endA: number, endB: number, path: string, ops: JsonPatchOp[]): number {
  const m = endA - start;
  const n = endB - start;
  const matches = m * n <= ALIGN_LIMIT ? heaviestCommon(a, b, start, m, n) : [];
  let overwritten = 0;
  let nextI = m;
  let nextJ = n;
  for (let s = matches.length - 1; s >= -1; s--) {
    const match = s >= 0 ? matches[s] : { i: -1, j: -1, equal: true };
    const gapA = match.i + 1;
    const gapB = match.j + 1;
    const removed = nextI - gapA;
    const inserted = nextJ - gapB;
    const paired = Math.min(removed, inserted);
    for (let t = 0; t < paired; t++) {
      const index = start + gapA + t;
      const x = a[index];
      const y = b[start + gapB + t];
      if (sameIdentity(x, y)) diffValue(x, y, `${path}/${index}`, ops);
      else {
        ops.push({ op: 'replace', path: `${path}/${index}`, value: y });
        overwritten++;
      }
    }
    for (let t = paired; t < inserted; t++) ops.push({ op: 'add', path: `${path}/${start + gapA + t}`, value: b[start + gapB + t] });
    for (let t = removed - 1; t >= paired; t--) ops.push({ op: 'remove', path: `${path}/${start + gapA + t}` });
    // The aligned pair to the left of this gap comes next (right to left keeps indexes valid).
    if (s >= 0 && !match.equal) diffValue(a[start + match.i], b[start + match.j], `${path}/${start + match.i}`, ops);
    nextI = match.i;
    nextJ = match.j;
  }
  return overwritten;
}

/** Elements to diff in place rather than replace: both arrays, or both objects with the same `name` (if any). */
function sameIdentity(x: unknown, y: unknown): boolean {
  if (Array.isArray(x)) return Array.isArray(y);
  if (!isRecord(x) || !isRecord(y)) return false;
  return x.name === y.name;
}

function heaviestCommon(a: readonly unknown[], b: readonly unknown[], start: number, m: number, n: number): Match[] {
  const weight = new Int8Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const x = a[start + i];
      const y = b[start + j];
      weight[i * n + j] = same(x, y) ? 2 : sameIdentity(x, y) ? 1 : 0;
    }
  }
  // best[i][j]: heaviest alignment of a-middle[i..] with b-middle[j..].
  const width = n + 1;
  const best = new Int32Array((m + 1) * width);
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const w = weight[i * n + j];
      const skip = Math.max(best[(i + 1) * width + j], best[i * width + j + 1]);
      best[i * width + j] = w > 0 ? Math.max(skip, best[(i + 1) * width + j + 1] + w) : skip;
    }
  }
  const matches: Match[] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const w = weight[i * n + j];
    if (w > 0 && best[i * width + j] === best[(i + 1) * width + j + 1] + w) {
      matches.push({ i, j, equal: w === 2 });
      i++;
      j++;
    } else if (best[(i + 1) * width + j] >= best[i * width + j + 1]) i++;
    else j++;
  }
  return matches;
}
