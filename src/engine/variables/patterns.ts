/**
 * The textual forms Kyverno recognises, with its exact regular expressions:
 * a `{{ }}` variable not preceded by `\` (its body may hold single-brace JMESPath hashes but no
 * nested `{{`, so nested variables resolve innermost first), its escaped form `\{{ }}`, and the
 * `$( )` reference and its escaped form.
 */

const VARIABLE = /(^|[^\\])(\{\{(?:\{[^{}]*\}|[^{}])*\}\})/g;
const ESCAPED_VARIABLE = /\\\{\{(?:\{[^{}]*\}|[^{}])*\}\}/g;
const REFERENCE = /^\$\(.[^ ]*\)|[^\\]\$\(.[^ ]*\)/g;
const ESCAPED_REFERENCE = /\\\$\(.[^ ]*\)/g;

export interface Occurrence {
  /** Index of the first `{` / `$` of the occurrence. */
  start: number;
  /** The occurrence itself, without the preceding character the pattern consumed. */
  text: string;
}

function occurrences(pattern: RegExp, value: string, lead: (m: RegExpExecArray) => number): Occurrence[] {
  const found: Occurrence[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(value); m !== null; m = pattern.exec(value)) {
    const skip = lead(m);
    found.push({ start: m.index + skip, text: m[0].slice(skip) });
  }
  return found;
}

/** Unescaped `{{ }}` variables, left to right. */
export function findVariables(value: string): Occurrence[] {
  return occurrences(VARIABLE, value, (m) => (m[1] ?? '').length);
}

/** Unescaped `$( )` references, left to right. */
export function findReferences(value: string): Occurrence[] {
  return occurrences(REFERENCE, value, (m) => (m[0].startsWith('$(') ? 0 : 1));
}

/** `\{{ x }}` -> `{{ x }}`: escaped variables lose their backslash once substitution is done. */
export function unescapeVariables(value: string): string {
  return value.replace(ESCAPED_VARIABLE, (v) => v.slice(1));
}

/** `\$(x)` -> `$(x)`. */
export function unescapeReferences(value: string): string {
  return value.replace(ESCAPED_REFERENCE, (v) => v.slice(1));
}

/** The expression of a `{{ }}` occurrence: every `{{`/`}}` removed, then trimmed (as Kyverno does). */
export function variableExpression(occurrence: string): string {
  return occurrence.replaceAll('{{', '').replaceAll('}}', '').trim();
}
