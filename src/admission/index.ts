export { toAdmissionResponse, blockedMessage, isBlocking } from './to-response.js';
