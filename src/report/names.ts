/**
 * Deterministic, DNS-safe report names and label values. Long values are truncated and end in a hash of the full
 * value, so two policies never share a name and the same policy always gets the same one.
 */

/** FNV-1a, 32 bits, as 8 hex digits: stable across processes and runs (no crypto module in pure code). */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Keeps a DNS label's alphabet (lower-case alphanumerics and '-'), trims '-' at both ends. */
function dnsSafe(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

/** Fits `text` into `max` characters: kept as is when short and unchanged by cleaning, else truncated + hash. */
function fit(cleaned: string, original: string, max: number, alphabet: RegExp): string {
  if (cleaned === original && cleaned.length <= max && alphabet.test(cleaned)) return cleaned;
  const hash = shortHash(original);
  const head = cleaned.slice(0, Math.max(0, max - hash.length - 1)).replace(/[^a-zA-Z0-9]+$/, '');
  return head === '' ? hash : `${head}-${hash}`;
}

/** Report names stay within 63 characters so that they also fit label values and `kubectl get` columns. */
const NAME_MAX = 63;

/** The policy part of a report key: `name` for a ClusterPolicy, `namespace/name` for a Policy. */
export function splitPolicyKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/**
 * `tollgate-cpol-<name>-<shard>` for a ClusterPolicy, `tollgate-pol-<name>-<shard>` for a namespaced Policy (whose
 * reports live in its own namespace, so its name suffices). The kind prefix keeps a ClusterPolicy and a Policy of
 * the same name apart; the shard number is always present so that policy `a-1` never meets shard 1 of policy `a`.
 */
export function reportName(policyKey: string, shard: number): string {
  const { namespace, name } = splitPolicyKey(policyKey);
  const prefix = namespace === undefined ? 'tollgate-cpol-' : 'tollgate-pol-';
  const suffix = `-${shard}`;
  const body = fit(dnsSafe(name), name, NAME_MAX - prefix.length - suffix.length, /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
  return `${prefix}${body}${suffix}`;
}

/** A label value (at most 63 of [A-Za-z0-9._-], alphanumeric at both ends) naming the policy. */
export function policyLabelValue(policyKey: string): string {
  const { name } = splitPolicyKey(policyKey);
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return fit(cleaned, name, 63, /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/);
}
