/**
 * Substituting the `{{ }}` variables of one string. Variables are resolved innermost first: each
 * pass replaces every variable the pattern finds (they contain no `{{`), and the result is scanned
 * again, so `{{ a.{{ b }} }}` becomes `{{ a.x }}` and then its value. A string that is exactly one
 * variable takes the value with its JSON type; otherwise values are written in as text.
 */
import { goJson } from '../values/index.js';
import { findVariables, unescapeVariables, variableExpression } from './patterns.js';
import { resolveExpression, splitShallow, type ResolveContext } from './resolve.js';

/** Guards against values that keep producing new variables (`a: "{{a}}"`). */
const MAX_PASSES = 64;

/** One `{{ }}` occurrence with its expression already extracted. */
interface Variable {
  start: number;
  text: string;
  expression: string;
  shallow: boolean;
}

function parseVariables(text: string): readonly Variable[] {
  return findVariables(text).map(({ start, text: occurrence }) => ({ start, text: occurrence, ...splitShallow(variableExpression(occurrence)) }));
}

/**
 * Policy strings are substituted on every request: their first-pass parse is kept in a bounded cache
 * (a pure function of the string; cleared when full). Later passes work on request-dependent text and are not cached.
 */
const PARSE_CACHE_LIMIT = 4096;
const parsedPolicyText = new Map<string, readonly Variable[]>();

function policyVariables(text: string): readonly Variable[] {
  let parsed = parsedPolicyText.get(text);
  if (parsed === undefined) {
    parsed = parseVariables(text);
    if (parsedPolicyText.size >= PARSE_CACHE_LIMIT) parsedPolicyText.clear();
    parsedPolicyText.set(text, parsed);
  }
  return parsed;
}

/** How a resolved value reads inside a longer string: strings as they are, everything else as Go JSON. */
export function embedText(value: unknown): string {
  return typeof value === 'string' ? value : goJson(value);
}

export type TextResult =
  | { ok: true; value: unknown; whole: boolean; shallow: boolean }
  | { ok: false; variable: string; message: string };

export function substituteText(value: string, ctx: ResolveContext): TextResult {
  // Shallow values are parked behind private-use tokens so later passes cannot see their braces.
  const parked: string[] = [];
  const unpark = (s: string): string =>
    parked.length === 0 ? s : s.replace(/\uE000(\d+)\uE001/g, (t, i: string) => parked[Number(i)] ?? t);

  let text = value;
  for (let pass = 0; ; pass++) {
    const found = pass === 0 ? policyVariables(text) : parseVariables(text);
    if (found.length === 0) break;
    if (pass >= MAX_PASSES) {
      const variable = variableExpression(found[0].text);
      return { ok: false, variable, message: `failed to resolve ${variable}: variable substitution does not terminate` };
    }
    let out = '';
    let last = 0;
    for (const occurrence of found) {
      const { expression, shallow } = occurrence;
      const resolved = resolveExpression(unpark(expression), shallow, ctx);
      if (!resolved.ok) return resolved;
      if (occurrence.start === 0 && occurrence.text === text) {
        return { ok: true, value: resolved.value, whole: true, shallow: resolved.shallow };
      }
      out += text.slice(last, occurrence.start);
      const piece = embedText(resolved.value);
      if (resolved.shallow) {
        out += `\uE000${parked.length}\uE001`;
        parked.push(piece);
      } else {
        out += piece;
      }
      last = occurrence.start + occurrence.text.length;
    }
    text = out + text.slice(last);
  }
  return { ok: true, value: unpark(unescapeVariables(text)), whole: false, shallow: false };
}
