/** Wording and traversal helpers shared by the checks (pod-security-admission's conventions). */
import type { BadValue, ContainerView, PodView, PssFieldError } from '../types.js';

export const pluralize = (singular: string, plural: string, n: number): string => (n === 1 ? singular : plural);

export const joinQuote = (items: readonly string[]): string => (items.length === 0 ? '' : `"${items.join('", "')}"`);

/** `container "a"` / `containers "a", "b"`. */
export const containersPhrase = (names: readonly string[]): string =>
  `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

/** Go's sets.List(): unique and sorted. */
export const sortedSet = (items: Iterable<string>): string[] => [...new Set(items)].sort();

export const forbidden = (field: string, badValue: BadValue = ''): PssFieldError => ({ type: 'forbidden', field, badValue });
export const required = (field: string): PssFieldError => ({ type: 'required', field, badValue: '' });

/** Init containers, then regular ones, then ephemeral ones, as pod-security-admission visits them. */
export const allContainers = (pod: PodView): ContainerView[] => [...pod.initContainers, ...pod.containers, ...pod.ephemeralContainers];

export const isWindowsPod = (pod: PodView): boolean => pod.osName === 'windows';

/** Pods in a user namespace (`hostUsers: false`) get the 1.35 relaxations. */
export const inUserNamespace = (pod: PodView): boolean => pod.hostUsers === false;

/** A failing "who set it" list: `pod`, then `containers "a", "b"`. */
export function setters(pod: boolean, containers: readonly string[]): string[] {
  const out: string[] = [];
  if (pod) out.push('pod');
  if (containers.length > 0) out.push(containersPhrase(containers));
  return out;
}
