/** GET /healthz (the process answers) and GET /readyz (policies loaded and every readiness check true). */
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../errors.js';
import type { AppDeps } from '../types.js';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, boolean> = { policies: deps.policies.ready() };
    for (const check of deps.readiness ?? []) {
      let ready: boolean;
      try {
        ready = check.ready();
      } catch {
        ready = false;
      }
      checks[check.name] = ready;
    }
    const failing = Object.keys(checks).filter((name) => !checks[name]);
    if (failing.length === 0) return { status: 'ready', checks };
    reply.code(503);
    return { ...errorBody('TG_NOT_READY', `not ready: ${failing.join(', ')}`), checks };
  });
}
