/**
 * `tollgate review --policy <file|dir>... [--cluster-resources <file|dir>] [--mutate]`: answer an AdmissionReview
 * from stdin as /validate would, or as /mutate would with `--mutate` (with the base64 JSON patch).
 */
import type { EngineEnv } from '../../api/env.js';
import type { AdmissionReview } from '../../api/admission.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import { EMPTY_SNAPSHOT } from '../../api/snapshot.js';
import { toAdmissionResponse, toMutationResponse } from '../../admission/index.js';
import { evaluate, mutate } from '../../engine/index.js';
import { parseArgs } from '../args.js';
import { createFileSnapshot } from '../file-snapshot.js';
import { UsageError, type CliIo } from '../io.js';
import { documentsToResources } from '../resources.js';
import { loadPolicies } from '../run/policies.js';
import { expandYamlPaths, parseYamlDocuments, readYamlFile } from '../yaml-files.js';
import { parseAdmissionReview } from '../../admission/index.js';

export const REVIEW_FLAGS = { policy: 'list', 'cluster-resources': 'list', mutate: 'boolean' } as const;

async function clusterSnapshot(paths: readonly string[], cwd: string): Promise<ClusterSnapshot> {
  if (paths.length === 0) return EMPTY_SNAPSHOT;
  const objects = [];
  for (const file of await expandYamlPaths(paths, cwd)) {
    const load = documentsToResources(await readYamlFile(file));
    if (load.errors.length > 0) throw new UsageError(load.errors[0]);
    objects.push(...load.resources.map((r) => r.object));
  }
  return createFileSnapshot(objects);
}

/** Prints the response review; exit 0 when allowed, 1 when denied. */
export async function runReviewCommand(argv: readonly string[], io: CliIo, env: EngineEnv): Promise<number> {
  const parsed = parseArgs(argv, { flags: REVIEW_FLAGS });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const { flags } = parsed.value;
  if (flags.policy.length === 0) throw new UsageError('missing flag: --policy <file|dir>');
  const policyFiles = await expandYamlPaths(flags.policy, io.cwd);
  const snapshot = await clusterSnapshot(flags['cluster-resources'], io.cwd);

  const docs = parseYamlDocuments(await io.readStdin(), '<stdin>');
  if (!docs.ok) throw new UsageError(docs.error);
  if (docs.documents.length !== 1) throw new UsageError(`<stdin>: expected one AdmissionReview document, got ${docs.documents.length}`);
  const review = parseAdmissionReview(docs.documents[0].value);
  if (!review.ok) throw new UsageError(`<stdin>: invalid AdmissionReview: ${review.error}`);

  const policySet = await loadPolicies(policyFiles);
  for (const e of policySet.errors) io.stderr(`policy error: ${e.message}\n`);

  const { request } = review.value;
  const input = { request, policies: policySet.policies, snapshot, env };
  const answer = flags.mutate ? toMutationResponse(request, mutate(input)) : toAdmissionResponse(request, evaluate(input));
  const response: AdmissionReview = { apiVersion: review.value.apiVersion, kind: 'AdmissionReview', response: answer };
  io.stdout(`${JSON.stringify(response, null, 2)}\n`);
  return response.response?.allowed === false ? 1 : 0;
}
