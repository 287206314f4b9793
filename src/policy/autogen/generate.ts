/** Building `autogen-<rule>` and `autogen-cronjob-<rule>` from a Pod rule (Kyverno's generateRule). */
import type { ForEachMutation, MatchResources, ResourceFilter, Rule, Validation } from '../../api/policy.js';
import { TEMPLATE_CONTROLLERS, blockKinds, containsKind, splitKinds, toGvkKinds } from './controllers.js';
import { rewriteRuleVariables, shiftReferences } from './rewrite.js';

export const AUTOGEN_PREFIX = 'autogen-';
export const AUTOGEN_CRONJOB_PREFIX = 'autogen-cronjob-';

export function isAutogenRuleName(name: string): boolean {
  return name.startsWith(AUTOGEN_PREFIX);
}

/** Rule names are limited to 63 characters; generated names are cut, as Kyverno does. */
function autogenName(prefix: string, name: string): string {
  return (prefix + name).slice(0, 63);
}

type FilterRewrite = (filters: ResourceFilter[], kinds: string[]) => ResourceFilter[];

/** Pod controllers: only the filters that name Pod get the controller kinds. */
const podFilters: FilterRewrite = (filters, kinds) =>
  filters.map((f) => (containsKind(f.resources?.kinds ?? [], 'Pod') ? { ...f, resources: { ...f.resources, kinds: toGvkKinds(kinds) } } : f));

/** CronJob: every filter (starting from the pod-controller rule) gets the CronJob kind. */
const allFilters: FilterRewrite = (filters, kinds) => filters.map((f) => ({ ...f, resources: { ...f.resources, kinds: toGvkKinds(kinds) } }));

interface Target {
  /** The key under `spec` that holds the pod template. */
  templateKey: 'template' | 'jobTemplate';
  /** The path appended to `$(...)` message references. */
  shift: string;
}

const POD_CONTROLLER: Target = { templateKey: 'template', shift: 'spec/template' };
const CRONJOB: Target = { templateKey: 'jobTemplate', shift: 'spec/jobTemplate/spec/template' };

function rewriteMatch(block: MatchResources, kinds: string[], rewrite: FilterRewrite, legacyAlways: boolean): MatchResources {
  if (block.any && block.any.length > 0) return { ...block, any: rewrite(block.any, kinds) };
  if (block.all && block.all.length > 0) return { ...block, all: rewrite(block.all, kinds) };
  if (legacyAlways || (block.resources?.kinds?.length ?? 0) > 0) return { ...block, resources: { ...block.resources, kinds: toGvkKinds(kinds) } };
  return block;
}

/** The validate block keeps the failure settings and the one check, moved under the template. */
function wrapValidation(v: Validation, target: Target): Validation | undefined {
  const wrap = (pattern: unknown): unknown => ({ spec: { [target.templateKey]: pattern } });
  const base = (pivot: string): Validation => {
    const out: Validation = {};
    if (v.message) out.message = shiftReferences(v.message, target.shift, pivot);
    if (v.failureAction !== undefined) out.failureAction = v.failureAction;
    if (v.failureActionOverrides && v.failureActionOverrides.length > 0) out.failureActionOverrides = v.failureActionOverrides;
    if (v.allowExistingViolations !== undefined) out.allowExistingViolations = v.allowExistingViolations;
    return out;
  };
  if (v.pattern != null) return { ...base('pattern'), pattern: wrap(v.pattern) };
  if (v.deny) return { ...base('deny'), deny: v.deny };
  if (v.podSecurity) return { ...base('podSecurity'), podSecurity: { ...v.podSecurity, exclude: [...(v.podSecurity.exclude ?? [])] } };
  if (v.anyPattern != null) return { ...base('anyPattern'), anyPattern: v.anyPattern.map(wrap) };
  if (v.foreach && v.foreach.length > 0) return { ...base('pattern'), foreach: v.foreach };
  if (v.cel != null) return v;
  return undefined;
}

function wrapForeachMutation(f: ForEachMutation, target: Target): ForEachMutation {
  const out: ForEachMutation = { list: f.list };
  if (f.context) out.context = f.context;
  if (f.preconditions) out.preconditions = f.preconditions;
  // Kyverno wraps even a missing patch (null); order and nested foreach are dropped.
  out.patchStrategicMerge = { spec: { [target.templateKey]: f.patchStrategicMerge ?? null } };
  return out;
}

/** undefined when the rule has nothing that autogen can carry over (e.g. validate.manifests, mutate targets only). */
function generateRule(name: string, source: Rule | undefined, target: Target, kinds: string[], rewrite: FilterRewrite): Rule | undefined {
  if (!source) return undefined;
  const rule: Rule = { ...source, name, match: rewriteMatch(source.match, kinds, rewrite, true) };
  if (source.exclude) rule.exclude = rewriteMatch(source.exclude, kinds, rewrite, false);
  const m = source.mutate;
  if (m) {
    if (m.patchStrategicMerge != null) return { ...rule, mutate: { patchStrategicMerge: { spec: { [target.templateKey]: m.patchStrategicMerge } } } };
    if (m.foreach && m.foreach.length > 0) return { ...rule, mutate: { foreach: m.foreach.map((f) => wrapForeachMutation(f, target)) } };
  }
  if (source.validate) {
    const validate = wrapValidation(source.validate, target);
    if (validate) return { ...rule, validate };
  }
  if (source.verifyImages) return rule;
  return undefined;
}

/** `autogen-<rule>` for the template controllers in `controllers` (CronJob already stripped). */
export function ruleForControllers(rule: Rule, controllers: string): Rule | undefined {
  if (isAutogenRuleName(rule.name) || controllers === '') return undefined;
  const excludeKinds = blockKinds(rule.exclude);
  if (!containsKind(blockKinds(rule.match), 'Pod') || (excludeKinds.length > 0 && !containsKind(excludeKinds, 'Pod'))) return undefined;
  let kinds: string[];
  if (controllers === 'all') {
    kinds = [...TEMPLATE_CONTROLLERS].sort();
  } else {
    const requested = splitKinds(controllers);
    const known = requested.filter((k) => TEMPLATE_CONTROLLERS.includes(k));
    // Unknown names are kept when nothing known was asked for: the annotation is the user's responsibility.
    kinds = controllers !== 'none' && known.length > 0 ? known : requested;
  }
  return generateRule(autogenName(AUTOGEN_PREFIX, rule.name), rule, POD_CONTROLLER, kinds, podFilters);
}

/** `autogen-cronjob-<rule>`, built from the pod-controller rule and wrapped once more. */
export function ruleForCronJob(rule: Rule, controllers: string): Rule | undefined {
  if (!controllers.includes('CronJob') && !controllers.includes('all')) return undefined;
  return generateRule(autogenName(AUTOGEN_CRONJOB_PREFIX, rule.name), ruleForControllers(rule, controllers), CRONJOB, ['CronJob'], allFilters);
}

/** Only the fields Kyverno carries into a generated rule (no generate, reportProperties, imageExtractors). */
export function pickRuleFields(rule: Rule): Rule {
  const out: Rule = { name: rule.name, match: rule.match };
  if (rule.verifyImages) out.verifyImages = rule.verifyImages;
  if (rule.skipBackgroundRequests !== undefined) out.skipBackgroundRequests = rule.skipBackgroundRequests;
  if (rule.exclude && Object.keys(rule.exclude).length > 0) out.exclude = rule.exclude;
  if (rule.context && rule.context.length > 0) out.context = rule.context;
  if (rule.celPreconditions && rule.celPreconditions.length > 0) out.celPreconditions = rule.celPreconditions;
  if (rule.preconditions && (Array.isArray(rule.preconditions) ? rule.preconditions.length > 0 : Object.keys(rule.preconditions).length > 0)) {
    out.preconditions = rule.preconditions;
  }
  if (rule.mutate) out.mutate = rule.mutate;
  if (rule.validate) out.validate = rule.validate;
  return out;
}

export { rewriteRuleVariables };
