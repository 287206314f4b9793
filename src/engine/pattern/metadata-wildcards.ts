/**
 * Kyverno expands wildcard keys under `metadata.labels` / `metadata.annotations` of a pattern map before
 * matching: `app.kubernetes.io/*: "?*"` becomes the first resource label key it matches (anchors kept).
 * Without a matching key the pattern key stays as written (and then usually fails as a missing key).
 */
import { isRecord } from '../../api/json.js';
import { formatAnchor, parseAnchor } from '../anchor/index.js';
import { containsWildcard, wildcardMatch } from '../values/index.js';

type Obj = Record<string, unknown>;

/** A labels/annotations map of the pattern that may need expanding (string values, some wildcard key). */
interface TagPlan {
  tag: string;
  patternKey: string;
  patternData: Obj;
}

/** What can be decided from the pattern alone, once per pattern map: most maps never need expanding. */
interface MetadataPlan {
  metaKey: string;
  patternMeta: Obj;
  tags: readonly TagPlan[];
}

const TAGS = ['labels', 'annotations'] as const;

const plans = new WeakMap<Obj, MetadataPlan | null>();

/** Finds the entry whose key is `tag` itself or an anchor around it. */
function findTagged(map: Obj, tag: string): [string, unknown] | undefined {
  for (const [k, v] of Object.entries(map)) {
    if (k === tag || parseAnchor(k)?.key === tag) return [k, v];
  }
  return undefined;
}

function allStrings(map: Obj): boolean {
  return Object.values(map).every((v) => typeof v === 'string');
}

function planFor(pattern: Obj): MetadataPlan | undefined {
  let plan = plans.get(pattern);
  if (plan === undefined) {
    plan = makePlan(pattern) ?? null;
    plans.set(pattern, plan);
  }
  return plan ?? undefined;
}

function makePlan(pattern: Obj): MetadataPlan | undefined {
  const metaEntry = findTagged(pattern, 'metadata');
  if (metaEntry === undefined || !isRecord(metaEntry[1])) return undefined;
  const [metaKey, patternMeta] = metaEntry;
  const tags: TagPlan[] = [];
  for (const tag of TAGS) {
    const entry = findTagged(patternMeta, tag);
    if (entry === undefined || !isRecord(entry[1])) continue;
    const [patternKey, patternData] = entry;
    if (!allStrings(patternData) || !Object.keys(patternData).some(containsWildcard)) continue;
    tags.push({ tag, patternKey, patternData });
  }
  return tags.length === 0 ? undefined : { metaKey, patternMeta, tags };
}

/** Returns the pattern map with metadata label/annotation keys expanded; the input is never mutated. */
export function expandMetadataWildcards(pattern: Obj, resource: Obj): Obj {
  const plan = planFor(pattern);
  if (plan === undefined) return pattern;
  const resourceMeta = resource.metadata;
  if (!isRecord(resourceMeta)) return pattern;
  let newMeta: Obj | undefined;
  for (const tagPlan of plan.tags) {
    const expanded = expandTag(tagPlan, resourceMeta);
    if (expanded === undefined) continue;
    newMeta ??= { ...plan.patternMeta };
    newMeta[tagPlan.patternKey] = expanded;
  }
  return newMeta === undefined ? pattern : { ...pattern, [plan.metaKey]: newMeta };
}

/** The expanded map, or undefined when nothing applies or every key stays as written. */
function expandTag({ tag, patternData }: TagPlan, resourceMeta: Obj): Obj | undefined {
  const resourceEntry = findTagged(resourceMeta, tag);
  if (resourceEntry === undefined) return undefined;
  const resourceData = resourceEntry[1];
  if (!isRecord(resourceData) || !allStrings(resourceData)) return undefined;
  const resourceKeys = Object.keys(resourceData);
  const result: Obj = {};
  let changed = false;
  for (const [k, v] of Object.entries(patternData)) {
    if (!containsWildcard(k)) {
      result[k] = v;
      continue;
    }
    const anchor = parseAnchor(k);
    const bare = anchor === undefined ? k : anchor.key;
    const match = resourceKeys.find((rk) => wildcardMatch(bare, rk));
    const key = match ?? bare;
    const written = anchor === undefined ? key : formatAnchor({ ...anchor, key });
    if (written !== k) changed = true;
    result[written] = v;
  }
  // An expansion that renames nothing equals the pattern: keep the pattern (and its compiled form).
  return changed ? result : undefined;
}
