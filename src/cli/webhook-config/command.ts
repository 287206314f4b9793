/**
 * `tollgate webhook-config --policies DIR... --ca FILE [--namespace NS] [--service NAME] [--url URL] [-o yaml|json]`:
 * prints the ValidatingWebhookConfiguration and MutatingWebhookConfiguration the policies need.
 */
import type { EngineEnv } from '../../api/env.js';
import { loadPolicyFiles } from '../../policy/load-files.js';
import { buildPolicySet } from '../../policy/store/index.js';
import { type WebhookOptions, DEFAULT_SERVICE_NAME, webhookConfigurations } from '../../webhook/index.js';
import { parseArgs } from '../args.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { resolvePath } from './paths.js';
import { checkCaPem, checkName, checkWebhookUrl } from './options.js';
import { type OutputFormat, renderConfigurations } from './render.js';
import { readTextFile } from '../yaml-files.js';

export const WEBHOOK_CONFIG_FLAGS = { policies: 'list', ca: 'string', namespace: 'string', service: 'string', url: 'string', output: 'string' } as const;
export const DEFAULT_NAMESPACE = 'tollgate';

/** The shared parser knows only long flags: `-o json` / `-ojson` are spelled `--output` here. */
function expandShortOutput(argv: readonly string[]): string[] {
  return argv.map((token) => (token === '-o' ? '--output' : token.startsWith('-o') && !token.startsWith('--') ? `--output=${token.slice(2).replace(/^=/, '')}` : token));
}

function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === 'yaml') return 'yaml';
  if (value === 'json') return 'json';
  throw new UsageError(`--output ${JSON.stringify(value)}: expected yaml or json`);
}

export async function runWebhookConfigCommand(argv: readonly string[], io: CliIo, _env: EngineEnv): Promise<number> {
  const parsed = parseArgs(expandShortOutput(argv), { flags: WEBHOOK_CONFIG_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags } = parsed.value;
  if (flags.policies.length === 0) throw new UsageError('missing flag: --policies <dir|file>');
  if (flags.ca === undefined) throw new UsageError('missing flag: --ca FILE (the CA certificate, PEM)');
  const format = outputFormat(flags.output);
  const namespace = checkName('namespace', flags.namespace ?? DEFAULT_NAMESPACE);
  const service = checkName('service', flags.service ?? DEFAULT_SERVICE_NAME);
  const url = flags.url === undefined ? undefined : checkWebhookUrl(flags.url);
  const caFile = resolvePath(io.cwd, flags.ca);
  const caBundle = checkCaPem(flags.ca, await readTextFile(caFile));

  const loaded = await loadPolicyFiles(flags.policies.map((p) => resolvePath(io.cwd, p)));
  // A policy that fails to load is not served either; say so, and generate for the rest.
  for (const e of loaded.errors) io.stderr(`policy error: ${e.message}\n`);
  const set = buildPolicySet(loaded.policies, loaded.errors, 1);
  const options: WebhookOptions = { caBundle, namespace, service: { name: service, namespace }, ...(url !== undefined ? { url } : {}) };
  io.stdout(renderConfigurations(webhookConfigurations(set, options), format));
  return EXIT_OK;
}
