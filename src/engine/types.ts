/** Inputs of one engine evaluation. Everything the engine knows arrives here; it reads nothing else. */
import type { AdmissionRequest } from '../api/admission.js';
import type { EngineEnv } from '../api/env.js';
import type { JsonObject } from '../api/json.js';
import type { LoadedPolicy } from '../api/policy.js';
import type { ClusterSnapshot } from '../api/snapshot.js';

/** Roles and cluster roles bound to the requesting user (resolved by the caller from RBAC, or given by the CLI). */
export interface RequestRoles {
  roles: string[];
  clusterRoles: string[];
}

/**
 * Values the caller injects instead of loading them (the CLI's `kind: Values` file).
 * Keys are dotted paths into the JSON context (`request.operation`, `cm.data.key`).
 */
export interface InjectedValues {
  /** Applied to the whole context before any rule runs (globalValues and per-resource values). */
  global?: Record<string, unknown>;
  /** Per policy and rule: loaded into the rule context before its context entries. */
  rule?(policy: string, rule: string): Record<string, unknown> | undefined;
  /** Per policy and rule: `foreachValues`, the i-th iteration of a foreach gets element i of each list. */
  foreach?(policy: string, rule: string): Record<string, unknown[]> | undefined;
}

export interface EvaluationInput {
  request: AdmissionRequest;
  roles?: RequestRoles;
  policies: readonly LoadedPolicy[];
  snapshot: ClusterSnapshot;
  env: EngineEnv;
  values?: InjectedValues;
  /**
   * Absolute time (env.now() milliseconds) after which no further rule starts: each remaining matched rule
   * yields an `error` result ("deadline exceeded"), which the policy's failure policy then decides.
   */
  deadline?: number;
}

export type { JsonObject };
