/**
 * One `kyverno-test.yaml` case, end to end: read the test file and what it names, refuse what is unsupported,
 * evaluate every resource against every policy, compare with the expected results. Every problem becomes a
 * failed case with a reason; nothing here throws past `runCase`.
 */
import path from 'node:path';
import type { EngineEnv } from '../../api/env.js';
import type { KubeObject } from '../../api/kube.js';
import { createValuesSnapshot } from '../file-snapshot.js';
import { ANONYMOUS_REQUEST, parseUserInfoFile, type RequestInfo } from '../inputs/userinfo-file.js';
import { EMPTY_VALUES, parseValuesFile, type ValuesFile } from '../inputs/values-file.js';
import { UsageError } from '../io.js';
import { documentsToResources, type LoadedResource } from '../resources.js';
import { evaluateResources } from '../run/evaluate-resources.js';
import { loadPolicies } from '../run/policies.js';
import { readYamlFile } from '../yaml-files.js';
import { evaluateChecks, type CheckResult } from './checks.js';
import { withCloneSources } from './clone-sources.js';
import { unsupportedReason } from './support.js';
import { parseTestFile } from './test-file.js';

export interface CaseReport {
  /** The case directory relative to the directory given on the command line. */
  name: string;
  /** `metadata.name` (or legacy `name`) of the test file. */
  testName: string;
  file: string;
  status: 'pass' | 'fail';
  /** Why the case failed as a whole (unsupported, unreadable input, failed checks). */
  reason?: string;
  checks: CheckResult[];
  /** Non-fatal problems: policy load errors, duplicate resources. */
  warnings: string[];
}

async function singleDocument(file: string): Promise<unknown> {
  const docs = await readYamlFile(file);
  if (docs.length === 0) throw new UsageError(`${file}: empty file`);
  return docs[0].value;
}

async function loadValues(file: string | undefined): Promise<ValuesFile> {
  if (!file) return EMPTY_VALUES;
  const parsed = parseValuesFile(await singleDocument(file), file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

async function loadUserInfo(file: string | undefined): Promise<RequestInfo> {
  if (!file) return ANONYMOUS_REQUEST;
  const parsed = parseUserInfoFile(await singleDocument(file), file);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.value;
}

/** Loads the resources; a repeated kind/namespace/name keeps the first and warns, as the Kyverno CLI does. */
export async function loadResources(files: readonly string[], warnings: string[]): Promise<KubeObject[]> {
  const all: LoadedResource[] = [];
  for (const file of files) {
    const load = documentsToResources(await readYamlFile(file));
    if (load.errors.length > 0) throw new UsageError(load.errors[0]);
    all.push(...load.resources);
  }
  const seen = new Set<string>();
  const out: KubeObject[] = [];
  for (const r of all) {
    const key = `${r.object.apiVersion}|${r.object.kind}|${r.object.metadata.namespace ?? ''}|${r.object.metadata.name ?? ''}`;
    if (seen.has(key)) {
      warnings.push(`${r.file}#${r.document}: duplicate resource ${r.object.kind} ${r.object.metadata.name ?? ''} ignored`);
      continue;
    }
    seen.add(key);
    out.push(r.object);
  }
  return out;
}

async function policyDocuments(files: readonly string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const f of files) out.push(...(await readYamlFile(f)).map((d) => d.value));
  return out;
}

export interface RunOptions {
  /** Count a check whose rule gave no response as failed (Kyverno's CLI passes it). */
  strict?: boolean;
}

function summarize(checks: CheckResult[], options: RunOptions): { status: 'pass' | 'fail'; reason?: string } {
  const failed = checks.filter((c) => c.outcome === 'fail' || (options.strict === true && c.outcome === 'lenient')).length;
  if (failed === 0) return { status: 'pass' };
  return { status: 'fail', reason: `${failed} of ${checks.length} checks failed` };
}

export async function runCase(testFile: string, caseName: string, env: EngineEnv, options: RunOptions = {}): Promise<CaseReport> {
  const report: CaseReport = { name: caseName, testName: '', file: testFile, status: 'fail', checks: [], warnings: [] };
  try {
    const parsed = parseTestFile(await singleDocument(testFile), testFile);
    if (!parsed.ok) return { ...report, reason: parsed.error };
    const test = parsed.value;
    report.testName = test.name;
    const dir = path.dirname(testFile);
    const resolve = (p: string): string => path.resolve(dir, p);
    const policyFiles = test.policies.map(resolve);

    const unsupported = unsupportedReason(test, await policyDocuments(policyFiles));
    if (unsupported) return { ...report, reason: unsupported };

    const policySet = await loadPolicies(policyFiles);
    report.warnings.push(...policySet.errors.map((e) => e.message));
    const resources = await loadResources(test.resources.map(resolve), report.warnings);
    const values = await loadValues(test.variables ? resolve(test.variables) : undefined);
    const requestInfo = await loadUserInfo(test.userinfo ? resolve(test.userinfo) : undefined);
    const cloneSourceFiles = [...new Set(test.results.flatMap((r) => (r.cloneSourceResource ? [resolve(r.cloneSourceResource)] : [])))];
    const cloneSources = await loadResources(cloneSourceFiles, report.warnings);

    const evaluated = evaluateResources({
      policies: policySet.policies,
      resources,
      values,
      requestInfo,
      snapshot: withCloneSources(createValuesSnapshot(values.namespaces), cloneSources),
      env,
    });
    const catalog = {
      loaded: new Set(policySet.policies.map((p) => p.key)),
      // Unnamed documents that failed to load are kept under '' so a missing policy can point at them.
      failed: new Map(policySet.errors.map((e) => [e.policy ?? '', e.message] as const)),
    };
    const expectedObjects = new Map<string, KubeObject[]>();
    for (const file of new Set(test.results.flatMap((r) => [r.patchedResources, r.generatedResource].filter((f) => f !== undefined)))) {
      expectedObjects.set(file, await loadResources([resolve(file)], []));
    }
    const checks = evaluateChecks(test.results, evaluated, catalog, expectedObjects);
    return { ...report, ...summarize(checks, options), checks };
  } catch (err) {
    const message = err instanceof UsageError ? err.message : `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    return { ...report, status: 'fail', reason: message };
  }
}
