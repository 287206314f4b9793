/**
 * `tollgate serve`: runs the HTTPS admission webhook until SIGTERM or SIGINT, then shuts down gracefully:
 * stop accepting, finish the requests in flight, close the sources, exit 0 (1 when the grace time ran out).
 */
import type { EngineEnv } from '../../api/env.js';
import { resolveConfig, type Config, type ConfigFlags } from '../../config/index.js';
import { parseArgs } from '../args.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { startServer, type RunningServer } from './start.js';

export const SERVE_FLAGS = {
  policies: 'string',
  port: 'string',
  host: 'string',
  cert: 'string',
  key: 'string',
  kubeconfig: 'string',
  'timeout-ms': 'string',
  'body-limit': 'string',
  'log-level': 'string',
  'shutdown-timeout-ms': 'string',
  ca: 'string',
  register: 'boolean',
  namespace: 'string',
  service: 'string',
  url: 'string',
  'cache-kinds': 'string',
  'cache-drop-fields': 'string',
  'background-scan-interval': 'string',
} as const;

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function configFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const parsed = parseArgs(argv, { flags: SERVE_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const f = parsed.value.flags;
  const flags: ConfigFlags = {};
  const set = (name: keyof ConfigFlags, value: string | undefined): void => {
    if (value !== undefined) flags[name] = value;
  };
  set('policies', f.policies);
  set('port', f.port);
  set('host', f.host);
  set('cert', f.cert);
  set('key', f.key);
  set('kubeconfig', f.kubeconfig);
  set('timeoutMs', f['timeout-ms']);
  set('bodyLimit', f['body-limit']);
  set('logLevel', f['log-level']);
  set('shutdownTimeoutMs', f['shutdown-timeout-ms']);
  set('ca', f.ca);
  // Absent unless given, so that TOLLGATE_REGISTER still applies.
  set('register', f.register ? 'true' : undefined);
  set('namespace', f.namespace);
  set('service', f.service);
  set('url', f.url);
  set('cacheKinds', f['cache-kinds']);
  set('cacheDropFields', f['cache-drop-fields']);
  set('backgroundScanInterval', f['background-scan-interval']);
  const resolved = resolveConfig(flags, env);
  if (!resolved.ok) throw new UsageError(resolved.errors.join('; '));
  return resolved.config;
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals): void => {
      for (const s of SIGNALS) process.off(s, handler);
      resolve(signal);
    };
    for (const s of SIGNALS) process.on(s, handler);
  });
}

/** Closes gracefully; after `timeoutMs` cuts the remaining connections. Resolves true when the close was graceful. */
async function closeWithin(running: RunningServer, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const closed = running.close().then(() => true as const);
  const graceful = await Promise.race([closed, expired]);
  clearTimeout(timer);
  if (!graceful) {
    running.app.server.closeAllConnections();
    await closed;
  }
  return graceful;
}

export async function runServeCommand(argv: readonly string[], _io: CliIo, env: EngineEnv): Promise<number> {
  const config = configFrom(argv, process.env);
  const running = await startServer(config, { env });
  const signal = await nextSignal();
  running.app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
  const graceful = await closeWithin(running, config.shutdownTimeoutMs);
  if (graceful) running.app.log.info('shut down');
  else running.app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown grace time ran out; remaining connections were closed');
  return graceful ? EXIT_OK : EXIT_FAILURE;
}
