/** Checks of the webhook-config / serve --register inputs: the webhook URL, Kubernetes names and the CA PEM. */
import { UsageError } from '../io.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A Namespace or Service name: an RFC 1123 label. */
export function checkName(flag: string, value: string): string {
  if (!DNS_LABEL.test(value)) throw new UsageError(`--${flag} ${JSON.stringify(value)}: not a valid Kubernetes name (lower-case RFC 1123 label)`);
  return value;
}

/** The API server calls webhooks over HTTPS only, and rejects URLs with a query, fragment or user info. */
export function checkWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(value)}: not a URL (expected https://HOST:PORT)`);
  }
  if (url.protocol !== 'https:') throw new UsageError(`--url ${JSON.stringify(value)}: the API server calls webhooks over https only`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new UsageError(`--url ${JSON.stringify(value)}: must not carry a query, fragment or user info`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** The CA file must hold at least one PEM certificate (never a key: that would leak into the cluster). */
export function checkCaPem(file: string, text: string): string {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new UsageError(`${file}: holds a private key; --ca takes the CA certificate only`);
  if (!CERTIFICATE.test(text)) throw new UsageError(`${file}: no PEM certificate found (expected -----BEGIN CERTIFICATE-----)`);
  return text;
}
