/**
 * `tollgate report [--namespace NS] [--policy P] [--json] [--kubeconfig FILE]`: the policy reports Tollgate wrote
 * in the cluster, per policy and rule, with the failing resources under each row.
 */
import type { EngineEnv } from '../../api/env.js';
import { loadKubeConfig } from '../../cluster/kubeconfig.js';
import { restClient } from '../../cluster/rest.js';
import { ruleRows, totals } from '../../report/index.js';
import { parseArgs } from '../args.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { fetchReports, ReportFetchError } from './fetch.js';
import { renderJson, renderTable } from './render.js';

export const REPORT_FLAGS = { namespace: 'string', policy: 'string', json: 'boolean', kubeconfig: 'string' } as const;

export async function runReportCommand(argv: readonly string[], io: CliIo, _env: EngineEnv): Promise<number> {
  const parsed = parseArgs(argv, { flags: REPORT_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags } = parsed.value;
  const loaded = loadKubeConfig(flags.kubeconfig);
  if (loaded.type === 'none') throw new UsageError('no cluster: give --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config');
  if (loaded.type === 'error') throw new UsageError(`kubeconfig ${loaded.location}: ${loaded.reason}`);

  const options = { ...(flags.namespace !== undefined ? { namespace: flags.namespace } : {}), ...(flags.policy !== undefined ? { policy: flags.policy } : {}) };
  let fetched;
  try {
    fetched = await fetchReports(restClient(loaded.kubeConfig), options);
  } catch (err) {
    if (err instanceof ReportFetchError) throw new UsageError(`cluster ${loaded.server}: ${err.message}`);
    throw err;
  }
  for (const w of fetched.warnings) io.stderr(`warning: ${w}\n`);
  const rows = ruleRows(fetched.reports, flags.policy !== undefined ? { policy: flags.policy } : {});
  const total = totals(rows);
  io.stdout(flags.json ? renderJson(rows, total, fetched.reports.length) : renderTable(rows, total));
  return EXIT_OK;
}
