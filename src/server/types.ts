/** What `buildApp` is made of: every collaborator comes in here, so tests build the app with real parts. */
import type { LogLevel } from 'fastify';
import type { Registry } from 'prom-client';
import type { AdmissionRequest, AdmissionResponse } from '../api/admission.js';
import type { EngineEnv } from '../api/env.js';
import type { EngineResult } from '../api/result.js';
import type { ClusterSnapshot, Lookup, ServiceRequest } from '../api/snapshot.js';
import type { PolicyStore } from '../policy/store/index.js';
import type { TlsMaterial } from '../tls/index.js';

/** A named condition of `/readyz` (for example "cluster cache synced"). */
export interface ReadinessCheck {
  readonly name: string;
  ready(): boolean;
}

export type AdmissionRoute = 'validate' | 'mutate';

/** One admission decision, handed to the recorder for anything that acts later (policy reports, events). */
export interface AdmissionDecision {
  route: AdmissionRoute;
  request: AdmissionRequest;
  response: AdmissionResponse;
  result: EngineResult;
}

/**
 * Receives the decisions that may have effects after the request: never called for dryRun requests, which
 * must cause no side effects. Errors it throws are logged and never change the answer.
 */
export interface DecisionRecorder {
  record(decision: AdmissionDecision): void;
}

export interface LogOptions {
  level: LogLevel;
  /** Where the JSON lines go (default stdout); tests pass a stream to read them. */
  stream?: { write(line: string): void };
}

export interface AppDeps {
  policies: PolicyStore;
  /** Cluster reads for context entries and namespace selectors; EMPTY_SNAPSHOT without a cluster. */
  snapshot: ClusterSnapshot;
  env: EngineEnv;
  log: LogOptions;
  metrics: Registry;
  /** Time budget of one admission evaluation, in ms (the engine's deadline is now + budget). */
  deadlineMs: number;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  readiness?: readonly ReadinessCheck[];
  /**
   * Fetches a Kubernetes API path the snapshot cannot answer (a kind the cache does not replicate), bounded in
   * time and size; absent without a cluster, when such lookups stay unanswered.
   */
  fetcher?: { get(urlPath: string): Promise<Lookup<unknown>> };
  /** Makes `apiCall.service` calls (bounded in time and size); absent, they stay unanswered. */
  services?: { call(request: ServiceRequest): Promise<Lookup<unknown>> };
  recorder?: DecisionRecorder;
  /** Serve HTTPS with this material (TLS 1.2 minimum); without it the app speaks plain HTTP (tests with inject()). */
  tls?: TlsMaterial;
}
