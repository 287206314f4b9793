/** Engine results -> policy report entries (pure): one entry per rule result, annotated from its policy. */
import type { LoadedPolicy } from '../api/policy.js';
import type { ReportEntry, ReportProcess, ReportResourceRef, ReportSeverity } from '../api/report.js';
import type { EngineResult, ResourceRef } from '../api/result.js';

export const CATEGORY_ANNOTATION = 'policies.kyverno.io/category';
export const SEVERITY_ANNOTATION = 'policies.kyverno.io/severity';
export const SCORED_ANNOTATION = 'policies.kyverno.io/scored';

const SEVERITIES: readonly ReportSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Case and surrounding blanks do not matter (`High`, ` low `); anything else is dropped, as the schema has an enum. */
export function normalizeSeverity(value: string | undefined): ReportSeverity | undefined {
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  return SEVERITIES.find((s) => s === lower);
}

interface PolicyAnnotations {
  category?: string;
  severity?: ReportSeverity;
  scored: boolean;
}

function annotationsOf(lp: LoadedPolicy | undefined): PolicyAnnotations {
  const annotations = lp?.policy.metadata.annotations ?? {};
  const category = annotations[CATEGORY_ANNOTATION]?.trim();
  const severity = normalizeSeverity(annotations[SEVERITY_ANNOTATION]);
  return {
    ...(category ? { category } : {}),
    ...(severity ? { severity } : {}),
    // Only an explicit "false" unscores a policy, as Kyverno reads it.
    scored: annotations[SCORED_ANNOTATION]?.trim().toLowerCase() !== 'false',
  };
}

function resourceRef(r: ResourceRef): ReportResourceRef {
  return {
    apiVersion: r.apiVersion,
    kind: r.kind,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    name: r.name,
    ...(r.uid ? { uid: r.uid } : {}),
  };
}

/** Milliseconds -> the protobuf Timestamp the report schema uses. */
export function toTimestamp(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1_000_000) };
}

function byKey(policies: ReadonlyMap<string, LoadedPolicy> | readonly LoadedPolicy[]): ReadonlyMap<string, LoadedPolicy> {
  if (!Array.isArray(policies)) return policies as ReadonlyMap<string, LoadedPolicy>;
  return new Map((policies as readonly LoadedPolicy[]).map((lp) => [lp.key, lp]));
}

/**
 * Every rule result becomes an entry, whatever its status (Kyverno reports pass, fail, warn, error and skip).
 * A policy missing from `policies` still gets entries, without category/severity and scored.
 */
export function entriesFromResult(
  result: EngineResult,
  policies: ReadonlyMap<string, LoadedPolicy> | readonly LoadedPolicy[],
  process: ReportProcess,
  now: number,
): ReportEntry[] {
  const lookup = byKey(policies);
  const timestamp = toTimestamp(now);
  const cache = new Map<string, PolicyAnnotations>();
  const out: ReportEntry[] = [];
  for (const pr of result.policies) {
    let meta = cache.get(pr.policy);
    if (meta === undefined) {
      meta = annotationsOf(lookup.get(pr.policy));
      cache.set(pr.policy, meta);
    }
    const resource = resourceRef(pr.resource);
    for (const rule of pr.rules) {
      out.push({
        policy: pr.policy,
        rule: rule.rule,
        result: rule.status,
        message: rule.message,
        resource: { ...resource },
        process,
        ...meta,
        timestamp: { ...timestamp },
      });
    }
  }
  return out;
}
