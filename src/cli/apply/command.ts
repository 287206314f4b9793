/** `tollgate apply --policy <file|dir>... --resource <file|dir>... [--values FILE] [--userinfo FILE] [--json]`. */
import type { EngineEnv } from '../../api/env.js';
import { isBlocking } from '../../admission/index.js';
import { parseArgs } from '../args.js';
import { createValuesSnapshot } from '../file-snapshot.js';
import { ANONYMOUS_REQUEST, parseUserInfoFile, type RequestInfo } from '../inputs/userinfo-file.js';
import { EMPTY_VALUES, parseValuesFile, type ValuesFile } from '../inputs/values-file.js';
import { UsageError, type CliIo } from '../io.js';
import { documentsToResources } from '../resources.js';
import { evaluateResources } from '../run/evaluate-resources.js';
import { loadPolicies } from '../run/policies.js';
import { expandYamlPaths, readYamlFile } from '../yaml-files.js';
import { applyExitCode, generatedResources, patchedResources, renderApplyJson, renderApplyText, toApplyRows } from './report.js';
import path from 'node:path';

export const APPLY_FLAGS = { policy: 'list', resource: 'list', values: 'string', userinfo: 'string', json: 'boolean' } as const;

async function singleDocument(file: string, cwd: string): Promise<unknown> {
  const docs = await readYamlFile(path.resolve(cwd, file));
  if (docs.length === 0) throw new UsageError(`${file}: empty file`);
  return docs[0].value;
}

async function readValues(file: string | undefined, cwd: string): Promise<ValuesFile> {
  if (file === undefined) return EMPTY_VALUES;
  const parsed = parseValuesFile(await singleDocument(file, cwd), file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

async function readUserInfo(file: string | undefined, cwd: string): Promise<RequestInfo> {
  if (file === undefined) return ANONYMOUS_REQUEST;
  const parsed = parseUserInfoFile(await singleDocument(file, cwd), file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

export async function runApplyCommand(argv: readonly string[], io: CliIo, env: EngineEnv): Promise<number> {
  const parsed = parseArgs(argv, { flags: APPLY_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags } = parsed.value;
  if (flags.policy.length === 0) throw new UsageError('missing flag: --policy <file|dir>');
  if (flags.resource.length === 0) throw new UsageError('missing flag: --resource <file|dir>');

  const policyFiles = await expandYamlPaths(flags.policy, io.cwd);
  const resourceFiles = await expandYamlPaths(flags.resource, io.cwd);
  const values = await readValues(flags.values, io.cwd);
  const requestInfo = await readUserInfo(flags.userinfo, io.cwd);

  const resources = [];
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
    requestInfo,
    snapshot: createValuesSnapshot(values.namespaces),
    env,
  });
  const rows = toApplyRows(evaluated);
  const patched = patchedResources(evaluated);
  const generated = generatedResources(evaluated);
  io.stdout(flags.json ? renderApplyJson(rows, policySet.errors.map((e) => e.message), patched, generated) : renderApplyText(rows, patched, generated));
  return applyExitCode(evaluated, isBlocking);
}
