import { goodContainer, run } from './fixtures.js';
import type { Obj } from './fixtures.js';

const badSpec = (): Obj => ({ containers: [goodContainer('app', 'nginx:1', { privileged: true })] });
const goodSpec = (): Obj => ({ containers: [goodContainer()] });

const controller = (kind: string, spec: Obj, templateMeta: Obj = {}): Obj => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'c' },
  spec: { template: { metadata: templateMeta, spec } },
});
const cronJob = (spec: Obj, jobMeta: Obj = {}, podMeta: Obj = {}): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'cj' },
  spec: { schedule: '* * * * *', jobTemplate: { metadata: jobMeta, spec: { template: { metadata: podMeta, spec } } } },
});

const TEMPLATE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet', 'ReplicationController'];

describe('pod controllers', () => {
  it.each(TEMPLATE_KINDS)('%s: evaluates spec.template', (kind) => {
    expect(run(controller(kind, goodSpec()), 'restricted')).toEqual({ kind: 'pass' });
    expect(run(controller(kind, badSpec()), 'baseline')).toMatchObject({
      kind: 'fail',
      violations: [{ checkId: 'privileged', fields: ['spec.template.spec.containers[0].securityContext.privileged'], images: ['nginx:1'] }],
    });
  });

  it('CronJob: evaluates spec.jobTemplate.spec.template', () => {
    expect(run(cronJob(goodSpec()), 'restricted')).toEqual({ kind: 'pass' });
    expect(run(cronJob(badSpec()), 'baseline')).toMatchObject({
      kind: 'fail',
      violations: [{ fields: ['spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged'] }],
    });
  });

  const apparmor = { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } };
  it('Deployment: reads annotations from the pod template', () => {
    expect(run(controller('Deployment', goodSpec(), apparmor), 'baseline')).toMatchObject({
      kind: 'fail',
      violations: [{ checkId: 'appArmorProfile', fields: ['spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/app]'] }],
    });
  });

  // Kyverno takes a CronJob's metadata from spec.jobTemplate.metadata, not from the pod template.
  it.each([
    ['job template annotations count', apparmor, {}, 'fail'],
    ['pod template annotations are not read', {}, apparmor, 'pass'],
  ] as const)('CronJob: %s', (_name, jobMeta, podMeta, kind) => {
    expect(run(cronJob(goodSpec(), jobMeta, podMeta), 'baseline').kind).toBe(kind);
  });

  it('a controller without a template is an empty pod', () => {
    expect(run({ kind: 'Deployment', metadata: { name: 'd' } }, 'restricted')).toEqual({ kind: 'pass' });
  });

  it.each([
    ['Service', { kind: 'Service', metadata: { name: 's' }, spec: {} }],
    ['no kind', { metadata: { name: 's' } }],
    ['not an object', 'Pod'],
    ['null', null],
  ])('%s is an error', (_name, resource) => {
    expect(run(resource, 'baseline').kind).toBe('error');
  });
});
