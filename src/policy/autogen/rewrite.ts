/** Text rewrites of a generated rule: variable paths into the pod template, and `$(...)` message references. */
import type { Rule } from '../../api/policy.js';

export type TemplateTarget = 'pod-controller' | 'cronjob';

type Replacement = readonly [string, string];

function replacements(target: TemplateTarget, cel: boolean): Replacement[] {
  const template = target === 'pod-controller' ? 'spec.template' : 'spec.jobTemplate.spec.template';
  // CEL expressions may say `object.spec` without the `request.` root; that form also covers `request.object.spec`.
  const roots = cel ? ['object', 'oldObject'] : ['request.object', 'request.oldObject'];
  return [
    [`${roots[0]}.spec`, `${roots[0]}.${template}.spec`],
    [`${roots[1]}.spec`, `${roots[1]}.${template}.spec`],
    [`${roots[0]}.metadata`, `${roots[0]}.${template}.metadata`],
    [`${roots[1]}.metadata`, `${roots[1]}.${template}.metadata`],
  ];
}

/**
 * Kyverno rewrites the rule's serialised JSON as plain text, everywhere: preconditions, context, deny
 * conditions, foreach lists, messages, even pattern values. Each replacement runs once over the whole text.
 */
export function rewriteRuleVariables(rule: Rule, target: TemplateTarget, cel: boolean): Rule {
  let text = JSON.stringify(rule);
  for (const [from, to] of replacements(target, cel)) text = text.split(from).join(to);
  return JSON.parse(text) as Rule;
}

// `$(...)` at the start, or after any character but a backslash (which escapes it).
const REFERENCES = /^\$\(.[^ ]*\)|[^\\]\$\(.[^ ]*\)/g;

/**
 * Shifts `$(./../pattern/...)` references in a message so that they still point into the moved pattern:
 * the pivot (`pattern`, `anyPattern/<i>`, `deny`, `podSecurity`) gets the template path appended.
 */
export function shiftReferences(message: string, shift: string, pivotName: string): string {
  let value = message;
  let pivot = pivotName;
  for (const match of message.matchAll(REFERENCES)) {
    const old = match[0];
    const initial = old.startsWith('$(');
    const reference = initial ? old : old.slice(1);
    const index = reference.indexOf(pivot);
    if (pivot === 'anyPattern') {
      // Kyverno keeps the extended pivot for later references in the same message.
      const from = index + pivot.length + 1;
      if (index >= 0 && from <= reference.length) pivot = `${pivot}/${reference.slice(from).split('/')[0]}`;
    }
    const shifted = reference.split(pivot).join(`${pivot}/${shift}`);
    const replacement = (initial ? '' : old[0]) + shifted;
    value = value.replace(old, () => replacement);
  }
  return value;
}
