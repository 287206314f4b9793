/** `tollgate apply` output: one row per rule result, a status summary, and the exit code. */
import yaml from 'js-yaml';
import type { KubeObject } from '../../api/kube.js';
import type { PolicyResult, RuleResult, RuleStatus } from '../../api/result.js';
import type { ResourceEvaluation } from '../run/evaluate-resources.js';

export interface ApplyRow {
  policy: string;
  rule: string;
  resource: { apiVersion: string; kind: string; namespace?: string; name: string };
  result: RuleStatus;
  /** For failures: whether the rule blocks (Enforce) or only reports (Audit). */
  action?: 'Enforce' | 'Audit';
  message: string;
}

export type StatusCounts = Record<RuleStatus, number>;

export function toApplyRows(evaluated: readonly ResourceEvaluation[]): ApplyRow[] {
  return evaluated.flatMap(({ resource, results }) =>
    results.flatMap((pr) =>
      pr.rules.map((rule): ApplyRow => {
        const row: ApplyRow = {
          policy: pr.policy,
          rule: rule.rule,
          resource: {
            apiVersion: resource.apiVersion,
            kind: resource.kind,
            ...(resource.metadata.namespace ? { namespace: resource.metadata.namespace } : {}),
            name: resource.metadata.name ?? '',
          },
          result: rule.status,
          message: rule.message,
        };
        if (rule.status === 'fail') row.action = rule.action;
        return row;
      }),
    ),
  );
}

export function countStatuses(rows: readonly ApplyRow[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of rows) counts[r.result]++;
  return counts;
}

export const summaryLine = (c: StatusCounts): string => `pass: ${c.pass}, fail: ${c.fail}, warn: ${c.warn}, error: ${c.error}, skip: ${c.skip}`;

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** The resources that mutate rules changed, in their final form. */
export function patchedResources(evaluated: readonly ResourceEvaluation[]): KubeObject[] {
  return evaluated.filter((e) => e.mutated !== e.resource).map((e) => e.mutated);
}

/** The objects the generate rules would create, in evaluation order. */
export function generatedResources(evaluated: readonly ResourceEvaluation[]): KubeObject[] {
  return evaluated.flatMap((e) => e.generated.map((g) => g.object));
}

function renderYamlDocuments(objects: readonly KubeObject[], label: string): string {
  return objects
    .map((o) => {
      const ns = o.metadata.namespace ? `${o.metadata.namespace}/` : '';
      return `---\n# ${label} ${o.kind} ${ns}${o.metadata.name ?? ''}\n${yaml.dump(o, { lineWidth: -1, noRefs: true })}`;
    })
    .join('');
}

/** YAML documents of the patched resources, each headed by a comment naming it. */
export function renderPatchedYaml(objects: readonly KubeObject[]): string {
  return renderYamlDocuments(objects, 'patched');
}

/** YAML documents of the generated resources, each headed by a comment naming it. */
export function renderGeneratedYaml(objects: readonly KubeObject[]): string {
  return renderYamlDocuments(objects, 'generated');
}

export function renderApplyText(rows: readonly ApplyRow[], patched: readonly KubeObject[] = [], generated: readonly KubeObject[] = []): string {
  const lines = rows.map((r) => {
    const ns = r.resource.namespace ? `${r.resource.namespace}/` : '';
    const status = r.result.toUpperCase() + (r.action ? ` (${r.action})` : '');
    const message = r.message ? `: ${oneLine(r.message)}` : '';
    return `${status} ${r.policy}/${r.rule} ${r.resource.kind} ${ns}${r.resource.name}${message}`;
  });
  lines.push(summaryLine(countStatuses(rows)));
  let text = `${lines.join('\n')}\n`;
  if (patched.length > 0) text += `\n${renderPatchedYaml(patched)}`;
  if (generated.length > 0) text += `\n${renderGeneratedYaml(generated)}`;
  return text;
}

export function renderApplyJson(rows: readonly ApplyRow[], policyErrors: readonly string[], patched: readonly KubeObject[] = [], generated: readonly KubeObject[] = []): string {
  const output = { results: rows, summary: countStatuses(rows), policyErrors, patchedResources: patched, generatedResources: generated };
  return `${JSON.stringify(output, null, 2)}\n`;
}

/** 1 when any rule would block admission (an Enforce failure), else 0. */
export function applyExitCode(evaluated: readonly ResourceEvaluation[], blocks: (policy: PolicyResult, rule: RuleResult) => boolean): number {
  return evaluated.some((e) => e.results.some((pr) => pr.rules.some((r) => blocks(pr, r)))) ? 1 : 0;
}
