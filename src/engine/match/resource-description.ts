/**
 * One filter (ResourceDescription + user info) against one request: Kyverno's doesResourceMatchConditionBlock.
 * Fields AND together, list entries OR; every failing field is reported.
 */
import type { Operation } from '../../api/admission.js';
import type { GroupVersionKind } from '../../api/kube.js';
import type { ResourceDescription, ResourceFilter } from '../../api/policy.js';
import { wildcardMatch } from '../values/index.js';
import { kindsMatch } from './kind-selector.js';
import { evaluateLabelSelector } from './label-selector.js';
import type { ResourceView } from './resource-view.js';
import { anyBound, subjectsMatch, type RequestUser } from './user-info.js';

export interface MatchContext {
  view: ResourceView;
  gvk: GroupVersionKind;
  subresource: string;
  operation: Operation;
  user: RequestUser;
  /** Labels of the resource's namespace; `known: false` when the snapshot could not tell. */
  namespaceLabels(): { labels: Record<string, string>; known: boolean };
}

function gvkText(gvk: GroupVersionKind, subresource: string): string {
  const base = `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`;
  return subresource ? `${base}/${subresource}` : base;
}

function annotationsMatch(expected: Record<string, string>, actual: Record<string, string>): boolean {
  const entries = Object.entries(actual);
  return Object.entries(expected).every(([k, v]) => entries.some(([ak, av]) => wildcardMatch(k, ak) && wildcardMatch(v, av)));
}

function checkDescription(rd: ResourceDescription, ctx: MatchContext): string[] {
  const { view } = ctx;
  // Kyverno stops at a wrong operation: the other fields are not even looked at.
  if (rd.operations && rd.operations.length > 0 && !rd.operations.includes(ctx.operation)) {
    return [`operation ${ctx.operation} is not one of [${rd.operations.join(', ')}]`];
  }
  const errs: string[] = [];
  if (rd.kinds && rd.kinds.length > 0 && !kindsMatch(rd.kinds, ctx.gvk, ctx.subresource, true)) {
    errs.push(`kind ${gvkText(ctx.gvk, ctx.subresource)} does not match [${rd.kinds.join(', ')}]`);
  }
  if (rd.name && !wildcardMatch(rd.name, view.name)) {
    errs.push(`name "${view.name}" does not match "${rd.name}"`);
  }
  if (rd.names && rd.names.length > 0 && !rd.names.some((n) => wildcardMatch(n, view.name))) {
    errs.push(`name "${view.name}" does not match any of [${rd.names.join(', ')}]`);
  }
  if (rd.namespaces && rd.namespaces.length > 0) {
    // A Namespace is treated as living in itself, so `namespaces: [x]` selects the Namespace x too.
    const ns = view.kind === 'Namespace' ? view.metaName : view.namespace;
    if (!rd.namespaces.some((p) => wildcardMatch(p, ns))) errs.push(`namespace "${ns}" does not match any of [${rd.namespaces.join(', ')}]`);
  }
  if (rd.annotations && Object.keys(rd.annotations).length > 0 && !annotationsMatch(rd.annotations, view.annotations)) {
    errs.push('annotations do not match');
  }
  if (rd.selector) {
    const r = evaluateLabelSelector(rd.selector, view.labels);
    if (!r.ok) errs.push(`invalid selector: ${r.error}`);
    else if (!r.matched) errs.push('selector does not match the resource labels');
  }
  if (rd.namespaceSelector) {
    if (view.kind === 'Namespace') {
      errs.push('namespaceSelector does not apply to a Namespace resource');
    } else if (view.kind !== '' || (rd.kinds ?? []).includes('*')) {
      const { labels, known } = ctx.namespaceLabels();
      const r = evaluateLabelSelector(rd.namespaceSelector, labels);
      if (!r.ok) errs.push(`invalid namespaceSelector: ${r.error}`);
      else if (!r.matched) errs.push(`namespaceSelector does not match the labels of namespace "${view.namespace}"${known ? '' : ' (labels unknown)'}`);
    }
  }
  return errs;
}

function checkUser(filter: ResourceFilter, user: RequestUser): string[] {
  const errs: string[] = [];
  if (filter.roles && filter.roles.length > 0 && !anyBound(filter.roles, user.roles)) {
    errs.push(`none of the roles [${filter.roles.join(', ')}] is bound to the user`);
  }
  if (filter.clusterRoles && filter.clusterRoles.length > 0 && !anyBound(filter.clusterRoles, user.clusterRoles)) {
    errs.push(`none of the clusterRoles [${filter.clusterRoles.join(', ')}] is bound to the user`);
  }
  if (filter.subjects && filter.subjects.length > 0 && !subjectsMatch(filter.subjects, user.userInfo)) {
    errs.push(`user "${user.userInfo.username ?? ''}" is none of the subjects`);
  }
  return errs;
}

/** The reasons the filter does not select the request; empty when it does. */
export function checkFilter(filter: ResourceFilter, ctx: MatchContext): string[] {
  const errs = filter.resources ? checkDescription(filter.resources, ctx) : [];
  const userErrs = checkUser(filter, ctx.user);
  return userErrs.length === 0 ? errs : errs.concat(userErrs);
}
