/**
 * Whether a JMESPath expression is pure: its result depends only on the data it is evaluated against.
 * Only pure expressions may have their results shared between requests (see projection-memo.ts).
 * Decided on the parsed expression, so a `(` inside a string literal does not count as a call.
 */
import { compile } from '@jmespath-community/jmespath';

/**
 * Functions known to read nothing but their arguments. Anything else (the clock: time_now, time_now_utc,
 * time_since with an empty end; randomness: random; a function added later and not reviewed) is impure.
 */
const PURE_FUNCTIONS: ReadonlySet<string> = new Set([
  // JMESPath and the jmespath-community additions.
  'abs', 'avg', 'ceil', 'contains', 'ends_with', 'find_first', 'find_last', 'floor', 'from_items', 'group_by',
  'join', 'keys', 'length', 'lower', 'map', 'max', 'max_by', 'merge', 'min', 'min_by', 'not_null', 'pad_left',
  'pad_right', 'reverse', 'sort', 'sort_by', 'starts_with', 'sum', 'to_array', 'to_number', 'to_string',
  'trim_left', 'trim_right', 'type', 'upper', 'values', 'zip',
  // Kyverno: strings and encodings.
  'base64_decode', 'base64_encode', 'compare', 'equal_fold', 'md5', 'path_canonicalize', 'replace', 'replace_all',
  'sha256', 'split', 'to_boolean', 'to_lower', 'to_upper', 'trim', 'trim_prefix', 'truncate',
  // Kyverno: regular expressions and wildcards.
  'pattern_match', 'regex_match', 'regex_replace_all', 'regex_replace_all_literal',
  // Kyverno: objects, arithmetic, misc.
  'items', 'label_match', 'lookup', 'object_from_lists', 'parse_json', 'parse_yaml',
  'add', 'divide', 'modulo', 'multiply', 'round', 'subtract',
  'image_normalize', 'is_external_url', 'semver_compare', 'x509_decode',
  // Kyverno: time functions that are given every instant they use.
  'time_add', 'time_after', 'time_before', 'time_between', 'time_diff', 'time_parse', 'time_to_cron', 'time_truncate', 'time_utc',
]);

/** Expression text -> purity. Bounded: cleared when full (expressions repeat, so it refills with the live ones). */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 4096;

export function isPureExpression(expression: string): boolean {
  let pure = verdicts.get(expression);
  if (pure === undefined) {
    pure = decide(expression);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(expression, pure);
  }
  return pure;
}

function decide(expression: string): boolean {
  let ast: unknown;
  try {
    ast = compile(expression);
  } catch {
    // Not memoized: the evaluation reports the syntax error itself.
    return false;
  }
  return callsOnlyPure(ast);
}

/**
 * Walks every node. Literal values are walked too: a literal that merely looks like a call node can only make
 * an expression count as impure, which is the safe direction.
 */
function callsOnlyPure(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(callsOnlyPure);
  if (typeof node !== 'object' || node === null) return true;
  const record = node as Record<string, unknown>;
  if (record.type === 'Function' && (typeof record.name !== 'string' || !PURE_FUNCTIONS.has(record.name))) return false;
  return Object.values(record).every(callsOnlyPure);
}
