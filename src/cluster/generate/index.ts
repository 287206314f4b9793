/** The cluster side of Kyverno `generate`: applying, synchronizing and cleaning up generated objects, on the leader. */
export { generateController } from './controller.js';
export { generateCacheKinds } from './kinds.js';
export { ON_POLICY_DELETE_LABEL } from './ownership.js';
export type { GenerateController, GenerateControllerOptions, GenerateProblem, GenerateTiming, ReconcileSummary } from './types.js';
