/**
 * is_external_url without DNS: Kyverno resolves the host and calls it external unless every address is
 * private/loopback/link-local. The engine cannot resolve names, so IP literals are classified exactly and
 * names by their shape (single-label names, localhost and cluster-internal suffixes are internal).
 */

const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.svc', '.cluster.local', '.svc.cluster.local'];

function ipv4Internal(host: string): boolean | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

function ipv6Internal(host: string): boolean | undefined {
  if (!host.startsWith('[') || !host.endsWith(']')) return undefined;
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === '::1' || ip === '::') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return ipv4Internal(mapped[1]);
  return /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip);
}

/** Throws Error for text that is not an absolute URL with a host. */
export function isExternalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`invalid URL: ${text}`);
  }
  const host = url.hostname.toLowerCase();
  if (host === '') throw new Error(`URL has no host: ${text}`);
  const ip = ipv4Internal(host) ?? ipv6Internal(host);
  if (ip !== undefined) return !ip;
  if (host === 'localhost' || !host.includes('.')) return false;
  return !INTERNAL_SUFFIXES.some((s) => host.endsWith(s));
}
