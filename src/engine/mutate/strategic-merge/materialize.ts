/**
 * Turns a piece of the patch that has no counterpart in the original into result data:
 * directives applied and stripped, null map values dropped (kyaml's field setter clears
 * a field set to null), fresh containers so the result never aliases the policy's patch.
 */
import { isDirectiveKey, isSentinel, listDirective, mapDirective } from './directives.js';
import { ABSENT, child, done, isPlainMap, type Step } from './result.js';

export function materialize(patch: unknown, path: string): Step {
  if (Array.isArray(patch)) return materializeList(patch, path);
  if (isPlainMap(patch)) return materializeMap(patch, path);
  return done(patch);
}

function materializeMap(patch: Readonly<Record<string, unknown>>, path: string): Step {
  const directive = mapDirective(patch, path);
  if (!directive.ok) return directive;
  if (directive.directive === 'delete') return done(ABSENT);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (isDirectiveKey(key) || value === null || value === undefined) continue;
    const step = materialize(value, child(path, key));
    if (!step.ok) return step;
    if (step.value !== ABSENT) out[key] = step.value;
  }
  return done(out);
}

function materializeList(patch: readonly unknown[], path: string): Step {
  // kyaml keeps a lone `{$patch: ...}` element of a list it adds or replaces; we drop it
  // (and honour delete) so the directive never reaches the API server.
  const directive = listDirective(patch, path);
  if (!directive.ok) return directive;
  if (directive.directive === 'delete') return done(ABSENT);
  const out: unknown[] = [];
  for (let i = 0; i < directive.items.length; i++) {
    const item = directive.items[i];
    // Further lone directives (kyaml only reads the first) are still not data.
    const step = isSentinel(item) ? sentinel(item, child(path, i)) : materialize(item, child(path, i));
    if (!step.ok) return step;
    if (step.value !== ABSENT) out.push(step.value);
  }
  return done(out);
}

function sentinel(item: Readonly<Record<string, unknown>>, path: string): Step {
  const directive = mapDirective(item, path);
  return directive.ok ? done(ABSENT) : directive;
}
