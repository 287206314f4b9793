/** Go and Kubernetes value semantics shared by patterns, conditions, match and JMESPath functions. */
export type { Decimal } from './decimal.js';
export type { Quantity, QuantityFormat } from './quantity.js';
export {
  parseQuantity,
  compareQuantities,
  addQuantities,
  subtractQuantities,
  multiplyQuantity,
  divideQuantity,
  quantityToFloat,
  quantityToDecimalString,
  formatQuantity,
} from './quantity.js';
export {
  NANOSECOND,
  MICROSECOND,
  MILLISECOND,
  SECOND,
  MINUTE,
  HOUR,
  parseDuration,
  parseDurationBig,
  formatDuration,
  durationSeconds,
  durationFromFloat,
} from './duration.js';
export type { SemVersion } from './semver.js';
export { parseSemver, compareSemver } from './semver.js';
export type { SemverRange } from './semver-range.js';
export { parseSemverRange, semverSatisfies } from './semver-range.js';
export { wildcardMatch, containsWildcard } from './wildcard.js';
export { goFormatFloat, formatNumberE, formatNumberF, formatFloat32, formatFloat64, toPlainDecimal } from './go-format.js';
export { goParseFloat } from './go-parse-float.js';
export { goSprint, goJson } from './go-print.js';
export { deepEqualJson } from './json-equal.js';
export { goPathClean, goPathJoin } from './go-path.js';
