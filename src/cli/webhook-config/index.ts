export { runWebhookConfigCommand, WEBHOOK_CONFIG_FLAGS, DEFAULT_NAMESPACE } from './command.js';
export { renderConfigurations, type OutputFormat } from './render.js';
export { checkCaPem, checkName, checkWebhookUrl } from './options.js';
