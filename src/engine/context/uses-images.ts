/**
 * Whether a policy can read Kyverno's `images` variable: its rules mention the word other than as a map key.
 * Building `images` parses every container's image reference of the request, which most policies (PSS among
 * them) never look at, so the request context holds it only when one of the request's policies may.
 */
import type { LoadedPolicy } from '../../api/policy.js';

const known = new WeakMap<LoadedPolicy, boolean>();
const IMAGES_WORD = /\bimages\b(?!":)/;

export function readsImages(lp: LoadedPolicy): boolean {
  let reads = known.get(lp);
  if (reads === undefined) {
    reads = mentionsImages(lp);
    known.set(lp, reads);
  }
  return reads;
}

export function anyReadsImages(policies: readonly LoadedPolicy[]): boolean {
  for (const lp of policies) if (readsImages(lp)) return true;
  return false;
}

function mentionsImages(lp: LoadedPolicy): boolean {
  try {
    // The word anywhere but as a map key (podSecurity exclusions list `images:` of their own).
    return IMAGES_WORD.test(JSON.stringify(lp.rules));
  } catch {
    // Rules that cannot be serialised (not plain JSON) are assumed to read them: never a missing variable.
    return true;
  }
}
