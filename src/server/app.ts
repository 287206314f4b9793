/**
 * buildApp: the fastify application, routes and error handling, not listening. The caller listens (serve)
 * or injects requests (tests), and owns the lifecycle of the dependencies it passed in.
 */
import { fastify, LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isRecord } from '../api/json.js';
import { DEFAULTS } from '../config/index.js';
import { classifyError, errorBody, errorStatus, type ErrorCode } from './errors.js';
import { createMetrics } from './metrics.js';
import { registerAdmissionRoutes } from './routes/admission.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMetricsRoute } from './routes/metrics.js';
import type { AppDeps } from './types.js';

/** Kubernetes objects are at most about 3 MiB (etcd's limit); an UPDATE review carries object and oldObject. */
export { MIN_BODY_LIMIT_BYTES } from '../config/index.js';
export const DEFAULT_BODY_LIMIT_BYTES = DEFAULTS.bodyLimitBytes;

export const TLS_MIN_VERSION = 'TLSv1.2';

function uidOf(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.request)) return undefined;
  return typeof body.request.uid === 'string' && body.request.uid !== '' ? body.request.uid : undefined;
}

/** Names the precise problem for the client; only codes go to the logs. */
function errorDetail(code: ErrorCode, err: FastifyError, req: FastifyRequest, bodyLimit: number): string | undefined {
  switch (code) {
    case 'TG_UNSUPPORTED_MEDIA_TYPE':
      return `got ${req.headers['content-type'] ? JSON.stringify(req.headers['content-type']) : 'no content type'}`;
    case 'TG_BODY_TOO_LARGE':
      return `the limit is ${bodyLimit} bytes`;
    case 'TG_INTERNAL':
      return undefined;
    default:
      return err.message;
  }
}

const errorHandler = (bodyLimit: number) => (err: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
  const code = classifyError(err);
  if (code === 'TG_INTERNAL') req.log.error({ err }, 'request failed');
  else req.log.warn({ code, fastifyCode: err.code, route: req.url }, 'rejected a request');
  void reply.code(errorStatus(code)).send(errorBody(code, errorDetail(code, err, req, bodyLimit), uidOf(req.body)));
};

export function buildApp(deps: AppDeps): FastifyInstance {
  const options = {
    logger: { level: deps.log.level, ...(deps.log.stream ? { stream: deps.log.stream } : {}) },
    // One line per admission decision instead of two per request.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes,
    // Idle keep-alive connections close on shutdown; requests in flight finish first.
    forceCloseConnections: 'idle' as const,
  };
  const app: FastifyInstance = deps.tls
    ? fastify({ ...options, https: { key: deps.tls.key, cert: deps.tls.cert, minVersion: TLS_MIN_VERSION } })
    : fastify(options);

  // AdmissionReviews are JSON only: without the text/plain parser any other media type is a 415.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler(deps.bodyLimitBytes));
  app.setNotFoundHandler((req, reply) => {
    void reply.code(errorStatus('TG_NOT_FOUND')).send(errorBody('TG_NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`));
  });

  // Shutdown: answers to requests still in flight close their keep-alive connection, so closing the server
  // does not wait for the API server's idle connections to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback style: an async hook would cost a promise on every request.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  const metrics = createMetrics(deps.metrics, () => deps.policies.current().policies.length);
  registerAdmissionRoutes(app, deps, metrics);
  registerHealthRoutes(app, deps);
  registerMetricsRoute(app, deps.metrics);
  return app;
}
