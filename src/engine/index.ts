/** The pure policy engine's public surface. */
export { evaluate } from './evaluate.js';
export { mutate, type MutationResult } from './mutate.js';
export type { EvaluationInput, InjectedValues, RequestRoles } from './types.js';
export { generate, generateExistingOf, type GenerateResult } from './generate.js';
