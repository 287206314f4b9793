export type { MatchInput, MatchOutcome } from './types.js';
export { matchRule, matchesFilter, matchPrepared, prepareMatch } from './match-rule.js';
export type { MatchContext } from './resource-description.js';
export { parseKindSelector, kindSelectorMatches, kindsMatch, type KindSelector } from './kind-selector.js';
export { evaluateLabelSelector, type SelectorResult } from './label-selector.js';
export { topLevelKind } from './top-level-kind.js';
