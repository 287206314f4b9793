/**
 * `tollgate scan --policy <file|dir>... --resource <file|dir>... [-o yaml|json] [--values FILE]`: evaluates the
 * resources offline, as a background scan would, and prints the PolicyReports / ClusterPolicyReports the cluster
 * would hold (for CI pipelines).
 */
import path from 'node:path';
import yaml from 'js-yaml';
import type { EngineEnv } from '../../api/env.js';
import type { KubeObject } from '../../api/kube.js';
import { buildReports, entriesFromResult, type ReportObject } from '../../report/index.js';
import { parseArgs } from '../args.js';
import { createValuesSnapshot } from '../file-snapshot.js';
import { ANONYMOUS_REQUEST } from '../inputs/userinfo-file.js';
import { EMPTY_VALUES, parseValuesFile, type ValuesFile } from '../inputs/values-file.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { documentsToResources } from '../resources.js';
import { evaluateResources } from '../run/evaluate-resources.js';
import { loadPolicies } from '../run/policies.js';
import { expandYamlPaths, readYamlFile } from '../yaml-files.js';

export const SCAN_FLAGS = { policy: 'list', resource: 'list', values: 'string', output: 'string' } as const;

export type ScanOutput = 'yaml' | 'json';

/** The shared parser knows only long flags: `-o json` / `-ojson` are spelled `--output` here. */
function expandShortOutput(argv: readonly string[]): string[] {
  return argv.map((token) => (token === '-o' ? '--output' : token.startsWith('-o') && !token.startsWith('--') ? `--output=${token.slice(2).replace(/^=/, '')}` : token));
}

function outputFormat(value: string | undefined): ScanOutput {
  if (value === undefined || value === 'yaml') return 'yaml';
  if (value === 'json') return 'json';
  throw new UsageError(`--output ${JSON.stringify(value)}: expected yaml or json`);
}

async function readValues(file: string | undefined, cwd: string): Promise<ValuesFile> {
  if (file === undefined) return EMPTY_VALUES;
  const docs = await readYamlFile(path.resolve(cwd, file));
  if (docs.length === 0) throw new UsageError(`${file}: empty file`);
  const parsed = parseValuesFile(docs[0].value, file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

/** YAML documents (`kubectl apply -f` ready) or a JSON v1 List. */
export function renderReports(reports: readonly ReportObject[], format: ScanOutput): string {
  if (format === 'json') return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: reports }, null, 2)}\n`;
  return reports.map((r) => yaml.dump(r, { lineWidth: -1, noRefs: true })).join('---\n');
}

export async function runScanCommand(argv: readonly string[], io: CliIo, env: EngineEnv): Promise<number> {
  const parsed = parseArgs(expandShortOutput(argv), { flags: SCAN_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags } = parsed.value;
  if (flags.policy.length === 0) throw new UsageError('missing flag: --policy <file|dir>');
  if (flags.resource.length === 0) throw new UsageError('missing flag: --resource <file|dir>');
  const format = outputFormat(flags.output);

  const policyFiles = await expandYamlPaths(flags.policy, io.cwd);
  const resourceFiles = await expandYamlPaths(flags.resource, io.cwd);
  const values = await readValues(flags.values, io.cwd);
  const resources: KubeObject[] = [];
  for (const file of resourceFiles) {
    const load = documentsToResources(await readYamlFile(file));
    if (load.errors.length > 0) throw new UsageError(load.errors[0]);
    resources.push(...load.resources.map((r) => r.object));
  }
  const policySet = await loadPolicies(policyFiles);
  for (const e of policySet.errors) io.stderr(`policy error: ${e.message}\n`);
  if (policySet.policies.length === 0) throw new UsageError('no policy could be loaded');

  const evaluated = evaluateResources({
    policies: policySet.policies,
    resources,
    values,
    // A background scan has no requesting user.
    requestInfo: ANONYMOUS_REQUEST,
    snapshot: createValuesSnapshot(values.namespaces),
    env,
  });
  const now = env.now();
  const entries = evaluated.flatMap((e) => entriesFromResult({ policies: e.results }, policySet.policies, 'background scan', now));
  io.stdout(renderReports(buildReports(entries), format));
  return EXIT_OK;
}
