/** The in-memory desired state: replace per (resource, policy), forget by resource or policy, dirty groups. */
import type { ReportEntry } from '../../../src/api/report.js';
import { DesiredState, groupKeyOf } from '../../../src/report/writer/desired-state.js';
import { entry } from './harness.js';

type Step = { record: [string, string, ReportEntry[]] } | { forgetResource: string | ReportEntry['resource'] } | { forgetPolicy: string };

function run(steps: Step[]): DesiredState {
  const state = new DesiredState();
  for (const s of steps) {
    if ('record' in s) state.record(...s.record);
    else if ('forgetResource' in s) state.forgetResource(s.forgetResource);
    else state.forgetPolicy(s.forgetPolicy);
  }
  return state;
}

const A = entry({ name: 'a', uid: 'ua' });
const A2 = entry({ name: 'a', uid: 'ua', rule: 'other', result: 'fail' });
const B = entry({ name: 'b', uid: 'ub', namespace: 'prod' });
const P2 = entry({ name: 'a', uid: 'ua', policy: 'p2' });
const CREATED = entry({ name: 'a' });

const summary = (state: DesiredState): Record<string, string[]> =>
  Object.fromEntries([...state.takeDirty()].map(([g, es]) => [g.replace('\u0000', '|'), es.map((e) => `${e.resource.uid ?? e.resource.name}:${e.rule}:${e.result}`).sort()]));

describe('DesiredState', () => {
  test.each<{ name: string; steps: Step[]; dirty: Record<string, string[]>; entries: number }>([
    { name: 'one record', steps: [{ record: ['ua', 'require-labels', [A]] }], dirty: { 'default|require-labels': ['ua:check-team:pass'] }, entries: 1 },
    { name: 'the latest evaluation wins', steps: [{ record: ['ua', 'require-labels', [A]] }, { record: ['ua', 'require-labels', [A2]] }], dirty: { 'default|require-labels': ['ua:other:fail'] }, entries: 1 },
    { name: '[] removes the pair', steps: [{ record: ['ua', 'require-labels', [A, A2]] }, { record: ['ua', 'require-labels', []] }], dirty: { 'default|require-labels': [] }, entries: 0 },
    {
      name: 'groups per namespace and policy',
      steps: [{ record: ['ua', 'require-labels', [A]] }, { record: ['ub', 'require-labels', [B]] }, { record: ['ua', 'p2', [P2]] }],
      dirty: { 'default|require-labels': ['ua:check-team:pass'], 'prod|require-labels': ['ub:check-team:pass'], 'default|p2': ['ua:check-team:pass'] },
      entries: 3,
    },
    {
      name: 'forgetResource drops the resource in every policy',
      steps: [{ record: ['ua', 'require-labels', [A]] }, { record: ['ua', 'p2', [P2]] }, { record: ['ub', 'require-labels', [B]] }, { forgetResource: 'ua' }],
      dirty: { 'default|require-labels': [], 'default|p2': [], 'prod|require-labels': ['ub:check-team:pass'] },
      entries: 1,
    },
    {
      name: 'forgetPolicy drops the policy in every namespace',
      steps: [{ record: ['ua', 'require-labels', [A]] }, { record: ['ub', 'require-labels', [B]] }, { record: ['ua', 'p2', [P2]] }, { forgetPolicy: 'require-labels' }],
      dirty: { 'default|require-labels': [], 'prod|require-labels': [], 'default|p2': ['ua:check-team:pass'] },
      entries: 1,
    },
    {
      name: 'a uid-keyed record replaces the name-keyed one of the same policy only',
      steps: [{ record: ['v1/Pod/default/a', 'require-labels', [CREATED]] }, { record: ['v1/Pod/default/a', 'p2', [{ ...CREATED, policy: 'p2' }]] }, { record: ['ua', 'require-labels', [A]] }],
      dirty: { 'default|require-labels': ['ua:check-team:pass'], 'default|p2': ['a:check-team:pass'] },
      entries: 2,
    },
    {
      name: 'forgetResource with the ref drops both keys',
      steps: [{ record: ['v1/Pod/default/a', 'p2', [{ ...CREATED, policy: 'p2' }]] }, { record: ['ua', 'require-labels', [A]] }, { forgetResource: A.resource }],
      dirty: { 'default|require-labels': [], 'default|p2': [] },
      entries: 0,
    },
    {
      name: 'entries of another policy or namespace than the pair are dropped',
      steps: [{ record: ['ua', 'require-labels', [A, P2, entry({ name: 'a', uid: 'ua', namespace: 'prod' })]] }],
      dirty: { 'default|require-labels': ['ua:check-team:pass'] },
      entries: 1,
    },
  ])('$name', ({ steps, dirty, entries }) => {
    const state = run(steps);
    expect(state.stats().entries).toBe(entries);
    expect(summary(state)).toEqual(dirty);
    expect(state.hasDirty()).toBe(false);
  });

  test('cluster-scoped resources form the group with the empty namespace', () => {
    const state = run([{ record: ['un', 'require-labels', [entry({ kind: 'Namespace', namespace: '', name: 'prod', uid: 'un' })]] }]);
    expect([...state.takeDirty().keys()]).toEqual([groupKeyOf(undefined, 'require-labels')]);
  });
});
