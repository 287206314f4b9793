/**
 * POST /validate and POST /mutate. Input problems (not JSON, not an AdmissionReview, no uid) are client errors
 * with a catalogue code; once the uid is known, every outcome, including an unexpected exception, is an
 * AdmissionReview of the request's own version that echoes it.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdmissionRequest, AdmissionReview } from '../../api/admission.js';
import { parseAdmissionReview, type ReviewProblem } from '../../admission/index.js';
import type { ClusterSnapshot, Lookup } from '../../api/snapshot.js';
import type { PolicySet } from '../../policy/store/index.js';
import { fetchAnswers, lookupsOf, recordingSnapshot } from '../admission/lookups.js';
import { decisionLogFields, levelEnabled } from '../admission/decision-log.js';
import { admit, failedAdmission, type Admitted } from '../admission/pipeline.js';
import { errorBody, errorStatus, type ErrorBody, type ErrorCode } from '../errors.js';
import type { ServerMetrics } from '../metrics.js';
import type { AdmissionRoute, AppDeps } from '../types.js';

const PROBLEM_CODES: Record<ReviewProblem, ErrorCode> = {
  'not-admission-review': 'TG_NOT_ADMISSION_REVIEW',
  'missing-uid': 'TG_MISSING_UID',
  'invalid-request': 'TG_INVALID_REQUEST',
};

function record(deps: AppDeps, route: AdmissionRoute, request: AdmissionRequest, admitted: Admitted, log: FastifyBaseLogger): void {
  // dryRun: the same answer, but nothing that would act later.
  if (!deps.recorder || request.dryRun === true) return;
  try {
    deps.recorder.record({ route, request, response: admitted.response, result: admitted.result });
  } catch (err) {
    log.error({ err, uid: request.uid }, 'recording the admission decision failed');
  }
}

/** A rule that errored (a bad variable, an invalid patch, the deadline) is logged with its reason: its failurePolicy decided the answer. */
function logRuleErrors(route: AdmissionRoute, request: AdmissionRequest, admitted: Admitted, log: FastifyBaseLogger): void {
  for (const policy of admitted.result.policies) {
    for (const rule of policy.rules) {
      if (rule.status !== 'error') continue;
      log.warn({ route, uid: request.uid, policy: policy.policy, rule: rule.rule, failurePolicy: policy.failurePolicy ?? 'Fail', reason: rule.message }, 'policy rule error');
    }
  }
}

/** The lookups the current policies can make; none when the store cannot even say (evaluation reports that). */
function usesOf(deps: AppDeps): { api: boolean; services: boolean } {
  try {
    return lookupsOf(deps.policies.current());
  } catch {
    return { api: false, services: false };
  }
}

/** At most this many cluster lookups are fetched from the API server for one request. */
const MAX_FETCHED_LOOKUPS = 16;

export function registerAdmissionRoutes(app: FastifyInstance, deps: AppDeps, metrics: ServerMetrics): void {
  // Synchronous unless a lookup must be fetched: fastify sends a returned value at once (no promise per
  // request), and anything thrown still reaches the error handler.
  const handle = (route: AdmissionRoute) => (req: FastifyRequest, reply: FastifyReply): AdmissionReview | ErrorBody | Promise<AdmissionReview> => {
    const started = performance.now();
    const parsed = parseAdmissionReview(req.body);
    if (!parsed.ok) {
      const code = PROBLEM_CODES[parsed.problem];
      req.log.warn({ code, route, uid: parsed.uid }, 'rejected an admission request');
      reply.code(errorStatus(code));
      return errorBody(code, parsed.error, parsed.uid);
    }
    const { apiVersion, request } = parsed.value;
    const evaluateWith = (snapshot: ClusterSnapshot): Admitted => {
      let set: PolicySet | undefined;
      try {
        set = deps.policies.current();
        return admit(route, request, { set, snapshot, env: deps.env, deadlineMs: deps.deadlineMs });
      } catch (err) {
        req.log.error({ err, route, uid: request.uid }, 'admission evaluation failed');
        return failedAdmission(request, set, err);
      }
    };
    const finish = (admitted: Admitted): AdmissionReview => {
      metrics.ruleResults(admitted.result);
      if (admitted.engineSeconds !== undefined) metrics.execution({ operation: request.operation, kind: request.kind.kind }, admitted.engineSeconds);
      const { response } = admitted;
      const durationMs = performance.now() - started;
      metrics.admission({ operation: request.operation, kind: request.kind.kind, allowed: response.allowed }, durationMs / 1000);
      // The fields are built only when the line is written: allowed decisions log at debug, usually disabled.
      if (response.allowed) {
        if (levelEnabled(req.log, 'debug')) req.log.debug(decisionLogFields(route, request, response, durationMs), 'admission allowed');
      } else if (levelEnabled(req.log, 'info')) req.log.info(decisionLogFields(route, request, response, durationMs), 'admission denied');
      logRuleErrors(route, request, admitted, req.log);
      record(deps, route, request, admitted, req.log);
      return { apiVersion, kind: 'AdmissionReview', response };
    };

    const { fetcher, services } = deps;
    const uses = usesOf(deps);
    const fetchable = { api: fetcher !== undefined && uses.api, services: services !== undefined && uses.services };
    if (!fetchable.api && !fetchable.services) return finish(evaluateWith(deps.snapshot));
    const recording = recordingSnapshot(deps.snapshot, undefined, fetchable);
    const first = evaluateWith(recording.snapshot);
    const misses = recording.misses();
    if (misses.length === 0) return finish(first);
    // Kinds the cache does not hold, and service calls: fetch them, then evaluate again with the answers.
    const wanted = misses.slice(0, MAX_FETCHED_LOOKUPS);
    req.log.debug({ uid: request.uid, lookups: wanted.length }, 'fetching lookups the cache cannot answer');
    const fetchOne = (key: string): Promise<Lookup<unknown>> => {
      const service = recording.serviceRequest(key);
      if (service) return services ? services.call(service) : Promise.resolve({ found: false, reason: 'unavailable' });
      return fetcher ? fetcher.get(key) : Promise.resolve({ found: false, reason: 'unavailable' });
    };
    return fetchAnswers(wanted, fetchOne).then((answers) => finish(evaluateWith(recordingSnapshot(deps.snapshot, answers, fetchable).snapshot)));
  };
  app.post('/validate', handle('validate'));
  app.post('/mutate', handle('mutate'));
}
