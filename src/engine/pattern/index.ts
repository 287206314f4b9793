/** Validate `pattern` matching with anchors and the scalar operator language. */
export type { PatternResult } from './types.js';
export { matchPattern } from './match.js';
export { validateValue } from './value.js';
export { operatorOf, rangeEndpoints, type PatternOperator } from './operator.js';
