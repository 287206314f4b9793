/** Subject alternative names for the serving certificate: the Service's DNS forms plus extra hosts and IPs. */
import { isIP } from 'node:net';

export interface SubjectAltNames {
  dns: string[];
  ips: string[];
}

/** Why a host or IP was refused; the CLI turns this into an exit-2 message. */
export class CertificateOptionError extends Error {
  override readonly name = 'CertificateOptionError';
}

const DNS_LABEL = /^(\*|[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)$/;

/** True for a DNS name made of RFC 1123 labels (a leading `*` label allowed, as in wildcard certs). */
export function isDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.toLowerCase().split('.');
  return labels.every((label, i) => DNS_LABEL.test(label) && (label !== '*' || i === 0));
}

/** True for an RFC 1123 label, the form of Service and Namespace names. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** The four names a Service is reachable under inside the cluster. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

/** Validates and de-duplicates names (order kept); throws CertificateOptionError naming the bad entry. */
export function subjectAltNames(dns: readonly string[], ips: readonly string[]): SubjectAltNames {
  const badDns = dns.find((name) => !isDnsName(name));
  if (badDns !== undefined) throw new CertificateOptionError(`invalid DNS name ${JSON.stringify(badDns)}`);
  const badIp = ips.find((ip) => isIP(ip) === 0);
  if (badIp !== undefined) throw new CertificateOptionError(`invalid IP address ${JSON.stringify(badIp)}`);
  return { dns: [...new Set(dns.map((name) => name.toLowerCase()))], ips: [...new Set(ips)] };
}
