/** Kyverno's `serviceAccountName` / `serviceAccountNamespace`: parsed from `system:serviceaccount:<ns>:<name>`. */
export function serviceAccountOf(username: string | undefined): { name: string; namespace: string } {
  const prefix = 'system:serviceaccount:';
  if (!username || !username.startsWith(prefix)) return { name: '', namespace: '' };
  const rest = username.slice(prefix.length).split(':');
  if (rest.length !== 2) return { name: '', namespace: '' };
  return { namespace: rest[0], name: rest[1] };
}
