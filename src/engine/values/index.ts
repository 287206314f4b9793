/** Shared value parsing and comparison used by validate patterns and condition operators. */
export type { Quantity, QuantityFormat } from './quantity.js';
export {
  parseQuantity,
  compareQuantities,
  addQuantities,
  subtractQuantities,
  multiplyQuantities,
  quantityToNumber,
  quantityToDecimalString,
} from './quantity.js';
export { parseDuration, parseDurationBig, formatDuration } from './duration.js';
export type { SemVer } from './semver.js';
export { compareSemver, parseSemver } from './semver.js';
export { wildcardMatch, containsWildcard } from './wildcard.js';
