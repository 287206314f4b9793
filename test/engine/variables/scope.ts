/** Test scope: the JMESPath evaluator plus a context shaped like the engine's. */
import { search } from '@jmespath-community/jmespath';
import type { JSONValue } from '@jmespath-community/jmespath';
import { JmespathError, type Jmespath, type JmespathOutcome } from '../../../src/engine/jmespath/types.js';
import type { VariableScope } from '../../../src/engine/variables/index.js';

// Temporary adapter until src/engine/jmespath exports createJmespath: standard JMESPath, plus the
// fork's "Unknown key" failure for a plain field path that runs into a missing key.
function searchOrThrow(expression: string, data: unknown): unknown {
  try {
    return search(data as JSONValue, expression);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new JmespathError(message, expression, /^syntax error/i.test(message) ? 'syntax' : 'evaluation');
  }
}

function missingKey(expression: string, data: unknown): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\."[^"]*"|\[\d+\])*$/.test(expression)) return undefined;
  let current: unknown = data;
  for (const [, ident, quoted, index] of expression.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|"([^"]*)"|\[(\d+)\]/g)) {
    if (index !== undefined) {
      current = Array.isArray(current) ? current[Number(index)] : undefined;
      continue;
    }
    const key = ident ?? quoted;
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return key;
    current = (current as Record<string, unknown>)[key];
  }
  return undefined;
}

export const jmespath: Jmespath = {
  search: searchOrThrow,
  query(expression: string, data: unknown): JmespathOutcome {
    try {
      const value = searchOrThrow(expression, data);
      const missing = value === null ? missingKey(expression, data) : undefined;
      if (missing !== undefined) return { ok: false, error: new JmespathError(`Unknown key "${missing}" in path`, expression, 'not-found') };
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: err instanceof JmespathError ? err : new JmespathError(String(err), expression) };
    }
  },
};

export function scopeOf(data: unknown): VariableScope {
  return { data, jmespath };
}

export const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'nginx',
    namespace: 'prod',
    labels: { app: 'web', tier: 'frontend', 'app.kubernetes.io/name': 'shop' },
    annotations: { owner: 'team-a' },
  },
  spec: {
    nullable: null,
    replicas: 3,
    hostNetwork: false,
    containers: [
      { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] },
      { name: 'sidecar', image: 'ghcr.io/acme/side:v2' },
    ],
  },
};

export const context = {
  request: {
    operation: 'CREATE',
    namespace: 'prod',
    object: pod,
    oldObject: null,
    userInfo: { username: 'alice', groups: ['dev', 'system:authenticated'] },
  },
  serviceAccountName: '',
  images: { containers: { nginx: { registry: 'docker.io', name: 'nginx', tag: '1.25' } } },
  dictionary: { data: { prod: 'high', '<b>&': 'x' } },
};
