/**
 * One validation body: the rule's own `validate` block or one `foreach` entry.
 * Order as in Kyverno: deny, then pattern / anyPattern, then nested foreach.
 * `undefined` means no rule response (Kyverno returns none, e.g. a pattern on DELETE).
 */
import type { Deny, ForEachValidation } from '../../../api/policy.js';
import type { RuleResult } from '../../../api/result.js';
import { validateDeny } from './deny.js';
import { validateForEach } from './foreach.js';
import { validateAnyPattern, validatePattern } from './patterns.js';
import type { RuleScope } from '../rule-scope.js';

export interface ValidationBody {
  pattern?: unknown;
  anyPattern?: unknown[];
  deny?: Deny;
  foreach?: ForEachValidation[];
}

export interface BodyTarget {
  /** The element under validation (element-scoped foreach), else the resource. */
  target: unknown;
  /** Nesting depth of foreach (0 at the rule). */
  nesting: number;
}

export function validateBody(scope: RuleScope, body: ValidationBody, at: BodyTarget): RuleResult | undefined {
  if (body.deny) return validateDeny(scope, body.deny);
  if (body.pattern !== undefined && body.pattern !== null) return validatePattern(scope, body.pattern, at.target);
  if (body.anyPattern !== undefined && body.anyPattern !== null) return validateAnyPattern(scope, body.anyPattern, at.target);
  if (body.foreach) return validateForEach(scope, body.foreach, at.nesting);
  return undefined;
}
