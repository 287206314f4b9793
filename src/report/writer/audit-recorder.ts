/**
 * Admission decisions -> report entries. An allowed /validate request records every rule result per (resource,
 * policy), replacing that policy's earlier results for the resource. A denied request changed nothing in the
 * cluster (a CREATE leaves no resource to report on, an UPDATE leaves the old object), so its failing rules
 * become events-style log lines instead. An allowed DELETE forgets the resource's entries.
 *
 * Keys: a CREATE has no uid yet, so its entries are keyed by apiVersion/kind/namespace/name; the first later
 * evaluation that carries the uid (an UPDATE here, or a background scan keyed with resourceKeyOf on the cached
 * object) records under the uid key, which drops the same policy's name-keyed entries (DesiredState.record).
 * /mutate decisions are not recorded: the /validate decision that follows carries the results to report.
 */
import type { AdmissionRequest } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ReportEntry, ReportResourceRef } from '../../api/report.js';
import type { DecisionRecorder } from '../../server/types.js';
import { entriesFromResult } from '../entries.js';
import { resourceKeyOf } from './resource-key.js';
import type { ReportWriter } from './types.js';

export type AuditLog = (fields: Record<string, unknown>, msg: string) => void;

function deletedRef(request: AdmissionRequest): ReportResourceRef | undefined {
  const { group, version, kind } = request.kind;
  if (!request.name) return undefined;
  const meta = isRecord(request.oldObject) && isRecord(request.oldObject.metadata) ? request.oldObject.metadata : {};
  return {
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    ...(request.namespace ? { namespace: request.namespace } : {}),
    name: request.name,
    ...(typeof meta.uid === 'string' && meta.uid !== '' ? { uid: meta.uid } : {}),
  };
}

export function auditRecorder(
  writer: Pick<ReportWriter, 'record' | 'forgetResource'>,
  policies: () => readonly LoadedPolicy[],
  now: () => number,
  log: AuditLog = () => undefined,
): DecisionRecorder {
  return {
    record({ route, request, response, result }) {
      if (route !== 'validate' || request.operation === 'CONNECT') return;
      if (request.operation === 'DELETE') {
        const ref = response.allowed ? deletedRef(request) : undefined;
        if (ref !== undefined) writer.forgetResource(ref);
        return;
      }
      if (!response.allowed) {
        for (const pr of result.policies) {
          for (const rule of pr.rules) {
            if (rule.status !== 'fail' && rule.status !== 'error') continue;
            const { apiVersion, kind, namespace, name } = pr.resource;
            log(
              {
                reason: 'PolicyViolation',
                policy: pr.policy,
                rule: rule.rule,
                result: rule.status,
                action: rule.status === 'fail' ? rule.action : pr.action,
                operation: request.operation,
                resource: { apiVersion, kind, ...(namespace ? { namespace } : {}), name },
                user: request.userInfo.username,
                message: rule.message,
              },
              'admission request denied: policy violation',
            );
          }
        }
        return;
      }
      const entries = entriesFromResult(result, policies(), 'admission review', now());
      // One record per (resource, policy) the engine evaluated, [] included: it clears stale results.
      const pairs = new Map<string, { key: string; policy: string; entries: ReportEntry[] }>();
      for (const pr of result.policies) {
        const key = resourceKeyOf(pr.resource);
        pairs.set(`${key}\u0000${pr.policy}`, { key, policy: pr.policy, entries: [] });
      }
      for (const e of entries) pairs.get(`${resourceKeyOf(e.resource)}\u0000${e.policy}`)?.entries.push(e);
      for (const p of pairs.values()) writer.record(p.key, p.policy, p.entries);
    },
  };
}
