/**
 * `tollgate test <dir>... [--json] [--baseline FILE] [--fail-only] [--strict]`: run Kyverno CLI test cases.
 * `--strict` fails a check whose rule gave no response unless `skip` was expected (our own golden cases use it).
 */
import path from 'node:path';
import type { EngineEnv } from '../../api/env.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliIo } from '../io.js';
import { readTextFile } from '../yaml-files.js';
import { discoverCases } from './discover.js';
import { exitCodeOf, parseBaseline, renderJson, renderText, summarizeRun, type Baseline } from './report.js';
import { runCase } from './run-case.js';

export const TEST_FLAGS = { json: 'boolean', baseline: 'string', 'fail-only': 'boolean', strict: 'boolean' } as const;

async function readBaseline(file: string, cwd: string): Promise<Baseline> {
  const text = await readTextFile(path.resolve(cwd, file));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const baseline = parseBaseline(value);
  if (!baseline) throw new UsageError(`${file}: expected {"passed": <non-negative integer>}`);
  return baseline;
}

/** Returns the exit code; usage and input errors throw UsageError. */
export async function runTestCommand(argv: readonly string[], io: CliIo, env: EngineEnv): Promise<number> {
  const parsed = parseArgs(argv, { flags: TEST_FLAGS, positional: { name: '<dir>', min: 1 } });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags, positionals } = parsed.value;
  const baseline = flags.baseline !== undefined ? await readBaseline(flags.baseline, io.cwd) : undefined;
  const cases = await discoverCases(positionals, io.cwd);
  const reports = [];
  for (const c of cases) reports.push(await runCase(c.file, c.name, env, { strict: flags.strict }));
  const summary = summarizeRun(reports, baseline);
  io.stdout(flags.json ? renderJson(summary, flags['fail-only']) : renderText(summary, flags['fail-only']));
  return exitCodeOf(summary);
}
