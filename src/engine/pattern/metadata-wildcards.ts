/**
 * Kyverno expands wildcard keys under `metadata.labels` / `metadata.annotations` of a pattern map before
 * matching: `app.kubernetes.io/*: "?*"` becomes the first resource label key it matches (anchors kept).
 * Without a matching key the pattern key stays as written (and then usually fails as a missing key).
 */
import { isRecord } from '../../api/json.js';
import { formatAnchor, parseAnchor } from '../anchor/index.js';
import { containsWildcard, wildcardMatch } from '../values/index.js';

type Obj = Record<string, unknown>;

/** Finds the entry whose key is `tag` itself or an anchor around it. */
function findTagged(map: Obj, tag: string): [string, unknown] | undefined {
  for (const [k, v] of Object.entries(map)) {
    if (k === tag || parseAnchor(k)?.key === tag) return [k, v];
  }
  return undefined;
}

/** Returns the pattern map with metadata label/annotation keys expanded; the input is never mutated. */
export function expandMetadataWildcards(pattern: Obj, resource: Obj): Obj {
  const patternMetaEntry = findTagged(pattern, 'metadata');
  if (patternMetaEntry === undefined) return pattern;
  const [metaKey, patternMeta] = patternMetaEntry;
  const resourceMeta = resource.metadata;
  if (!isRecord(patternMeta) || !isRecord(resourceMeta)) return pattern;
  let newMeta: Obj | undefined;
  for (const tag of ['labels', 'annotations']) {
    const expanded = expandTag(tag, patternMeta, resourceMeta);
    if (expanded === undefined) continue;
    newMeta ??= { ...patternMeta };
    newMeta[expanded[0]] = expanded[1];
  }
  return newMeta === undefined ? pattern : { ...pattern, [metaKey]: newMeta };
}

function expandTag(tag: string, patternMeta: Obj, resourceMeta: Obj): [string, Obj] | undefined {
  const patternEntry = findTagged(patternMeta, tag);
  const resourceEntry = findTagged(resourceMeta, tag);
  if (patternEntry === undefined || resourceEntry === undefined) return undefined;
  const [patternKey, patternData] = patternEntry;
  const resourceData = resourceEntry[1];
  if (!isRecord(patternData) || !isRecord(resourceData)) return undefined;
  if (!Object.values(patternData).every((v) => typeof v === 'string')) return undefined;
  if (!Object.values(resourceData).every((v) => typeof v === 'string')) return undefined;
  if (!Object.keys(patternData).some(containsWildcard)) return undefined;
  const resourceKeys = Object.keys(resourceData);
  const result: Obj = {};
  for (const [k, v] of Object.entries(patternData)) {
    if (!containsWildcard(k)) {
      result[k] = v;
      continue;
    }
    const anchor = parseAnchor(k);
    const bare = anchor === undefined ? k : anchor.key;
    const match = resourceKeys.find((rk) => wildcardMatch(bare, rk));
    const key = match ?? bare;
    result[anchor === undefined ? key : formatAnchor({ ...anchor, key })] = v;
  }
  return [patternKey, result];
}
