/**
 * Prometheus metrics, named after the ones Kyverno users already chart and alert on
 * (kyverno_admission_requests_total, kyverno_admission_review_duration_seconds, kyverno_policy_results_total,
 * kyverno_policy_execution_duration_seconds), with Tollgate's prefix and short label names.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { EngineResult } from '../api/result.js';

export interface AdmissionLabels {
  operation: string;
  kind: string;
  allowed: boolean;
}

export interface ServerMetrics {
  /** One admission decision: counts it and records its duration. */
  admission(labels: AdmissionLabels, seconds: number): void;
  /** Every rule result of one evaluation. */
  ruleResults(result: EngineResult): void;
  /** Time the engine spent on the candidate policies of one request. */
  execution(labels: { operation: string; kind: string }, seconds: number): void;
}

interface PendingResult {
  labels: { policy: string; rule: string; result: string };
  count: number;
}

// Admission webhooks answer in well under a millisecond to a few seconds; finer buckets at the low end.
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Registers the server's metrics on `registry`; `loadedPolicies` is read at scrape time. */
export function createMetrics(registry: Registry, loadedPolicies: () => number): ServerMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'tollgate_admission_requests_total',
    help: 'Admission requests answered, by operation, kind and whether they were allowed.',
    labelNames: ['operation', 'kind', 'allowed'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'tollgate_admission_review_duration_seconds',
    help: 'Time from receiving an AdmissionReview to answering it, by operation, kind and whether it was allowed.',
    labelNames: ['operation', 'kind', 'allowed'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  // prom-client hashes the label object on every inc, and a request has one result per matched rule: counts
  // accumulate in maps keyed by the policy's and rule's own name strings (no key is built per result) and are
  // added to the counter at scrape time.
  const pendingResults = new Map<string, Map<string, Map<string, PendingResult>>>();
  new Counter({
    name: 'tollgate_policy_results_total',
    help: 'Rule results of admission evaluations, by policy, rule and result (pass, fail, warn, error, skip).',
    labelNames: ['policy', 'rule', 'result'] as const,
    registers,
    collect() {
      for (const rules of pendingResults.values()) {
        for (const statuses of rules.values()) {
          for (const pending of statuses.values()) {
            if (pending.count > 0) this.inc(pending.labels, pending.count);
            pending.count = 0;
          }
        }
      }
    },
  });
  // Kyverno times each policy; Tollgate evaluates a request's candidate policies in one engine call (they share
  // the request context), so the duration is per request, labelled like the admission metrics.
  const execution = new Histogram({
    name: 'tollgate_policy_execution_duration_seconds',
    help: 'Time the policy engine spent evaluating the candidate policies of one admission request.',
    labelNames: ['operation', 'kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'tollgate_policies_loaded',
    help: 'Policies currently loaded and evaluated.',
    registers,
    collect() {
      this.set(loadedPolicies());
    },
  });

  return {
    admission(labels, seconds) {
      const l = { operation: labels.operation, kind: labels.kind, allowed: String(labels.allowed) };
      requests.inc(l);
      duration.observe(l, seconds);
    },
    ruleResults(result) {
      for (const policy of result.policies) {
        let rules = pendingResults.get(policy.policy);
        if (!rules) pendingResults.set(policy.policy, (rules = new Map()));
        for (const rule of policy.rules) {
          let statuses = rules.get(rule.rule);
          if (!statuses) rules.set(rule.rule, (statuses = new Map()));
          const pending = statuses.get(rule.status);
          if (pending) pending.count++;
          else statuses.set(rule.status, { labels: { policy: policy.policy, rule: rule.rule, result: rule.status }, count: 1 });
        }
      }
    },
    execution(labels, seconds) {
      execution.observe(labels, seconds);
    },
  };
}
