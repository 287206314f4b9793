/** Public types of `{{ }}` / `$( )` substitution. */
import type { Jmespath } from '../jmespath/types.js';

/** What a variable is evaluated against: the rule's JSON context and the JMESPath evaluator. */
export interface VariableScope {
  /** The JSON context: `{ request: {...}, images, element, elementIndex, serviceAccountName, ...context entries }`. */
  data: unknown;
  jmespath: Jmespath;
}

export type SubstitutionFailure = { ok: false; variable: string; path: string; message: string };
export type SubstitutionResult<T> = { ok: true; value: T } | SubstitutionFailure;

/**
 * `strict`: an unresolvable variable fails the substitution (rule bodies, context entries, messages).
 * `conditions`: an unresolvable variable becomes "" (preconditions and deny conditions).
 */
export type Resolver = 'strict' | 'conditions';

export interface SubstituteOptions {
  /**
   * Where the document sits in its rule (e.g. `/validate/pattern`). It prefixes the paths in error
   * messages and is the base `{{@}}` is resolved from. `$( )` references always resolve inside the document.
   */
  basePath?: string;
  /**
   * Every substituted string stays a string: a string that is exactly one variable takes the value as text,
   * as it would inside a longer string. For documents decoded from a text that Kyverno substitutes as text
   * (patchesJson6902), so that `"{{ replicas }}"` stays the string "3".
   */
  asText?: boolean;
}
