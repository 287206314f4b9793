/** Shared helpers of the server tests: real policies, a real store, the fixture review, captured log lines. */
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import type { EngineEnv } from '../../src/api/env.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { EMPTY_SNAPSHOT } from '../../src/api/snapshot.js';
import { loadPolicyFiles } from '../../src/policy/index.js';
import { createPolicyStore, staticSource, type ManagedPolicyStore } from '../../src/policy/store/index.js';
import { DEFAULT_BODY_LIMIT_BYTES, type AppDeps } from '../../src/server/index.js';

export const FIXTURE = 'test/fixtures/admission/kubectl-create-deployment-nginx.json';
export const FIXTURE_UID = '8d1f3c52-7f0e-4c1e-9d43-0a9b6f1d2e11';

export const fixedEnv: EngineEnv = { now: () => Date.parse('2026-11-23T12:00:00Z'), random: () => 0.5 };

export async function loadPolicies(...paths: string[]): Promise<LoadedPolicy[]> {
  const loaded = await loadPolicyFiles(paths);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return loaded.policies;
}

export async function storeOf(policies: readonly LoadedPolicy[]): Promise<ManagedPolicyStore> {
  const store = createPolicyStore([staticSource('test', policies)]);
  await store.start();
  return store;
}

/** Collects the JSON log lines the app writes. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  write(line: string): void {
    this.raw.push(line);
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  /** Lines logged while serving requests (fastify binds a reqId to them). */
  requestLines(): Record<string, unknown>[] {
    return this.lines.filter((l) => l.reqId !== undefined);
  }
  withMessage(msg: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l.msg === msg);
  }
}

export function deps(store: ManagedPolicyStore, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    policies: store,
    snapshot: EMPTY_SNAPSHOT,
    env: fixedEnv,
    log: { level: 'silent' },
    metrics: new Registry(),
    deadlineMs: 8000,
    bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
    ...overrides,
  };
}

type Json = Record<string, unknown>;

/** The kubectl fixture review, with request fields and top-level fields replaced. */
export function fixtureReview(request: Json = {}, top: Json = {}): Json {
  const review = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json & { request: Json };
  return { ...review, ...top, request: { ...review.request, ...request } };
}

/** The fixture's Deployment, named `name`, with the required label on it and on its Pod template. */
export const labelled = (name: string): Json => {
  const review = fixtureReview() as { request: { object: Json & { metadata: Json; spec: Json & { template: Json & { metadata: Json } } } } };
  const object = review.request.object;
  const labels = { 'app.kubernetes.io/name': name };
  const template = { ...object.spec.template, metadata: { ...object.spec.template.metadata, labels } };
  return { ...object, metadata: { ...object.metadata, name, labels }, spec: { ...object.spec, template } };
};

/** A Pod CREATE review. */
export function podReview(uid: string, pod: Json, extra: Json = {}): Json {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'default',
      operation: 'CREATE',
      userInfo: { username: 'alice' },
      object: { apiVersion: 'v1', kind: 'Pod', ...pod },
      ...extra,
    },
  };
}
