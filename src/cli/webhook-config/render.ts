/** Prints webhook configurations as a YAML multi-document stream or a JSON v1 List (both `kubectl apply -f` ready). */
import yaml from 'js-yaml';
import type { WebhookConfigurations } from '../../webhook/index.js';

export type OutputFormat = 'yaml' | 'json';

export function renderConfigurations(configs: WebhookConfigurations, format: OutputFormat): string {
  const items = [configs.validating, configs.mutating];
  if (format === 'json') return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2)}\n`;
  return items.map((item) => yaml.dump(item, { lineWidth: -1, noRefs: true })).join('---\n');
}
