export { toAdmissionResponse, blockedMessage, isBlocking } from './to-response.js';
export { parseAdmissionReview, type ParseReviewFailure, type ParseReviewResult, type ReviewInput, type ReviewProblem } from './parse-review.js';
export { toMutationResponse, type MutationOutcome } from './to-mutation-response.js';
export { diffJsonPatch } from './json-patch.js';
