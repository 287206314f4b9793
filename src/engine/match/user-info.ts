/** The user part of a filter (`subjects`, `roles`, `clusterRoles`), as Kyverno's CheckSubjects and role checks. */
import type { UserInfo } from '../../api/admission.js';
import type { Subject } from '../../api/policy.js';
import { wildcardMatch } from '../values/index.js';

export interface RequestUser {
  userInfo: UserInfo;
  roles: readonly string[];
  clusterRoles: readonly string[];
}

/** One subject suffices. Names are globs; a ServiceAccount is compared as its `system:serviceaccount:ns:name` user. */
export function subjectsMatch(subjects: readonly Subject[], user: UserInfo): boolean {
  const username = user.username ?? '';
  return subjects.some((s) => {
    switch (s.kind) {
      case 'ServiceAccount':
        return wildcardMatch(`system:serviceaccount:${s.namespace ?? ''}:${s.name}`, username);
      case 'Group':
        return (user.groups ?? []).some((g) => wildcardMatch(s.name, g));
      case 'User':
        return wildcardMatch(s.name, username);
      default:
        return false;
    }
  });
}

/** Roles (`namespace:name`) and cluster roles compare exactly; any one bound to the user suffices. */
export function anyBound(wanted: readonly string[], bound: readonly string[]): boolean {
  return wanted.some((r) => bound.includes(r));
}

/**
 * Kyverno ignores the user part of match filters when it knows nothing about the requester (the CLI without a
 * userinfo file): no roles, no cluster roles and an empty user.
 */
export function isUnknownUser(user: RequestUser): boolean {
  const u = user.userInfo;
  return (
    user.roles.length === 0 &&
    user.clusterRoles.length === 0 &&
    !u.username &&
    !u.uid &&
    (u.groups ?? []).length === 0 &&
    Object.keys(u.extra ?? {}).length === 0
  );
}
