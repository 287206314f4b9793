/**
 * Anchors in `mutate.patchStrategicMerge` overlays: resolves `(k)`, `<(k)` and `+(k)` against the current
 * resource and yields the plain strategic-merge patch to apply (Kyverno's preprocessing of the patch).
 */
import { isRecord } from '../../../api/json.js';
import type { Failure } from './conditions.js';
import { mutateAnchor, isConditional } from './keys.js';
import { pruneTop } from './prune.js';
import { cloneJson, isTreeMap } from './tree.js';
import { walk } from './walk.js';

export type PreprocessOutcome =
  /** Anchors resolved; may be `{}` when nothing remains. */
  | { kind: 'patch'; patch: unknown }
  /** A global anchor, or a condition outside any list element, did not hold: nothing is applied. */
  | { kind: 'skip'; message: string }
  /** Malformed overlay, or a resource shape the overlay cannot be matched against. */
  | { kind: 'error'; message: string; path: string };

/** Never mutates its inputs. `resource` is the current object (after earlier rules' mutations). */
export function preprocessOverlay(overlay: unknown, resource: unknown): PreprocessOutcome {
  const cloned = cloneJson(overlay);
  if ('badPath' in cloned) return { kind: 'error', message: 'the patch holds a value that is not JSON data', path: cloned.badPath };
  const patch = cloned.tree;
  const failed = walk(patch, resource, '/');
  if (failed !== undefined) return outcomeOf(failed);
  if (!isTreeMap(patch)) return { kind: 'error', message: 'patchStrategicMerge must be an object', path: '/' };
  pruneTop(patch);
  return { kind: 'patch', patch };
}

function outcomeOf(f: Failure): PreprocessOutcome {
  switch (f.kind) {
    case 'error':
      return { kind: 'error', message: f.message, path: f.path };
    case 'condition':
      return { kind: 'skip', message: `conditional anchor mismatch at ${f.path}: ${f.reason}` };
    case 'global':
      return { kind: 'skip', message: `global anchor mismatch at ${f.path}: ${f.reason}` };
  }
}

/**
 * Fast check so plain patches skip preprocessing: false only when `preprocessOverlay` would hand the overlay
 * back unchanged. Besides anchor keys this also says true for anchor-like strings (`"(x)"`, which Kyverno
 * treats as anchors inside list elements) and for nested empty maps (which preprocessing drops).
 */
export function hasAnchors(overlay: unknown): boolean {
  return mayChange(overlay, true);
}

function mayChange(node: unknown, root: boolean): boolean {
  if (typeof node === 'string') return isConditional(mutateAnchor(node));
  if (Array.isArray(node)) return node.some((e) => mayChange(e, false));
  if (!isRecord(node)) return false;
  const keys = Object.keys(node);
  if (keys.length === 0) return !root;
  return keys.some((k) => mutateAnchor(k) !== undefined || mayChange(node[k], false));
}
