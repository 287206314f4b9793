/**
 * Kyverno expands wildcard keys under `metadata.labels` / `metadata.annotations` of a pattern map before
 * matching: `app.kubernetes.io/*: "?*"` becomes the first resource label key it matches (anchors kept).
 * Without a matching key the pattern key stays as written (and then usually fails as a missing key).
 */
import { isRecord } from '../../api/json.js';
import { formatAnchor, parseAnchor, type Anchor } from '../anchor/index.js';
import { containsWildcard, wildcardMatch } from '../values/index.js';

type Obj = Record<string, unknown>;

/** One key of a labels/annotations pattern map, parsed once. */
interface TagKey {
  key: string;
  value: unknown;
  /** The key without its anchor, when it holds a wildcard; undefined for a key kept as written. */
  bare: string | undefined;
  anchor: Anchor | undefined;
}

/** A labels/annotations map of the pattern that may need expanding (string values, some wildcard key). */
interface TagPlan {
  tag: string;
  patternKey: string;
  keys: readonly TagKey[];
}

/** What can be decided from the pattern alone, once per pattern map: most maps never need expanding. */
export interface MetadataPlan {
  metaKey: string;
  patternMeta: Obj;
  tags: readonly TagPlan[];
}

const TAGS = ['labels', 'annotations'] as const;

/** The key of the entry whose key is `tag` itself or an anchor around it (in key order). */
function findTagged(map: Obj, tag: string): string | undefined {
  for (const k of Object.keys(map)) {
    if (k === tag || (k.includes(tag) && parseAnchor(k)?.key === tag)) return k;
  }
  return undefined;
}

function allStrings(map: Obj): boolean {
  for (const k in map) if (Object.hasOwn(map, k) && typeof map[k] !== 'string') return false;
  return true;
}

/** The expansion plan of a pattern map, or undefined when it has no metadata wildcard keys to expand. */
export function planMetadataWildcards(pattern: Obj): MetadataPlan | undefined {
  const metaKey = findTagged(pattern, 'metadata');
  const patternMeta = metaKey === undefined ? undefined : pattern[metaKey];
  if (metaKey === undefined || !isRecord(patternMeta)) return undefined;
  const tags: TagPlan[] = [];
  for (const tag of TAGS) {
    const patternKey = findTagged(patternMeta, tag);
    const patternData = patternKey === undefined ? undefined : patternMeta[patternKey];
    if (patternKey === undefined || !isRecord(patternData)) continue;
    if (!allStrings(patternData) || !Object.keys(patternData).some(containsWildcard)) continue;
    const keys = Object.keys(patternData).map((key): TagKey => {
      if (!containsWildcard(key)) return { key, value: patternData[key], bare: undefined, anchor: undefined };
      const anchor = parseAnchor(key);
      return { key, value: patternData[key], bare: anchor === undefined ? key : anchor.key, anchor };
    });
    tags.push({ tag, patternKey, keys });
  }
  return tags.length === 0 ? undefined : { metaKey, patternMeta, tags };
}

/** Returns the pattern map with metadata label/annotation keys expanded; the input is never mutated. */
export function expandMetadataWildcards(plan: MetadataPlan, pattern: Obj, resource: Obj): Obj {
  const resourceMeta = resource.metadata;
  if (!isRecord(resourceMeta)) return pattern;
  let newMeta: Obj | undefined;
  for (const tagPlan of plan.tags) {
    const expanded = expandTag(tagPlan, resourceMeta);
    if (expanded === undefined) continue;
    newMeta ??= Object.assign({}, plan.patternMeta);
    newMeta[tagPlan.patternKey] = expanded;
  }
  if (newMeta === undefined) return pattern;
  const out: Obj = Object.assign({}, pattern);
  out[plan.metaKey] = newMeta;
  return out;
}

/** The expanded map, or undefined when nothing applies or every key stays as written. */
function expandTag({ tag, keys }: TagPlan, resourceMeta: Obj): Obj | undefined {
  const resourceKey = findTagged(resourceMeta, tag);
  if (resourceKey === undefined) return undefined;
  const resourceData = resourceMeta[resourceKey];
  if (!isRecord(resourceData) || !allStrings(resourceData)) return undefined;
  const resourceKeys = Object.keys(resourceData);
  let result: Obj | undefined;
  for (let i = 0; i < keys.length; i++) {
    const { key, value, bare, anchor } = keys[i];
    let written = key;
    if (bare !== undefined) {
      const match = resourceKeys.find((rk) => wildcardMatch(bare, rk));
      const renamed = match ?? bare;
      written = anchor === undefined ? renamed : formatAnchor({ kind: anchor.kind, key: renamed });
    }
    // Built only once some key is renamed: an expansion that renames nothing equals the pattern (and keeps its compiled form).
    if (written !== key && result === undefined) {
      result = {};
      for (let j = 0; j < i; j++) result[keys[j].key] = keys[j].value;
    }
    if (result !== undefined) result[written] = value;
  }
  return result;
}
