/**
 * The `kind: UserInfo` file: `roles`, `clusterRoles` and `userInfo` (username, uid, groups, extra). It fills
 * `request.userInfo`, `request.roles` and `request.clusterRoles`, and so drives subjects/roles/clusterRoles filters.
 */
import type { UserInfo } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';
import type { RequestRoles } from '../../engine/index.js';
import { optionalRecord, optionalString, optionalStringList } from './fields.js';

export interface RequestInfo {
  userInfo: UserInfo;
  roles: RequestRoles;
}

export const ANONYMOUS_REQUEST: RequestInfo = { userInfo: {}, roles: { roles: [], clusterRoles: [] } };

export type ParseUserInfoResult = { ok: true; value: RequestInfo } | { ok: false; error: string };

export function parseUserInfoFile(raw: unknown, where = 'userinfo'): ParseUserInfoResult {
  if (!isRecord(raw)) return { ok: false, error: `${where}: expected a mapping` };
  const roles = optionalStringList(raw, 'roles', where);
  if (!roles.ok) return roles;
  const clusterRoles = optionalStringList(raw, 'clusterRoles', where);
  if (!clusterRoles.ok) return clusterRoles;
  const info = optionalRecord(raw, 'userInfo', where);
  if (!info.ok) return info;
  const userInfo: UserInfo = {};
  if (info.value) {
    const at = `${where}.userInfo`;
    const username = optionalString(info.value, 'username', at);
    if (!username.ok) return username;
    const uid = optionalString(info.value, 'uid', at);
    if (!uid.ok) return uid;
    const groups = optionalStringList(info.value, 'groups', at);
    if (!groups.ok) return groups;
    const extra = optionalRecord(info.value, 'extra', at);
    if (!extra.ok) return extra;
    if (username.value) userInfo.username = username.value;
    if (uid.value) userInfo.uid = uid.value;
    if (groups.value) userInfo.groups = groups.value;
    if (extra.value) {
      const out: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(extra.value)) out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
      userInfo.extra = out;
    }
  }
  return { ok: true, value: { userInfo, roles: { roles: roles.value ?? [], clusterRoles: clusterRoles.value ?? [] } } };
}
