/** deploy/rbac.yaml grants the report writer exactly the calls it makes on report objects, nothing more. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

type PolicyRule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };
type Role = { kind: string; metadata: { name: string }; rules?: PolicyRule[] };

const docs = (yaml.loadAll(readFileSync(path.join(process.cwd(), 'deploy', 'rbac.yaml'), 'utf8')) as Role[]).filter(Boolean);
const reportRules = docs.filter((d) => d.kind === 'ClusterRole').flatMap((d) => (d.rules ?? []).filter((r) => r.apiGroups.includes('wgpolicyk8s.io')).map((r) => ({ role: d.metadata.name, ...r })));

describe('RBAC for policy reports', () => {
  test('one rule in the tollgate ClusterRole, on the two report kinds only', () => {
    expect(reportRules.map((r) => [r.role, r.apiGroups, [...r.resources].sort()])).toEqual([['tollgate', ['wgpolicyk8s.io'], ['clusterpolicyreports', 'policyreports']]]);
  });

  test('the verbs the writer uses (GET, list by label, POST, PUT, DELETE) and no others', () => {
    expect([...reportRules[0].verbs].sort()).toEqual(['create', 'delete', 'get', 'list', 'update']);
    expect(reportRules[0].resourceNames).toBeUndefined();
  });
});

describe('RBAC for the admission hand-off', () => {
  const roles = docs.filter((d) => d.kind === 'Role' && (d.rules ?? []).some((r) => r.resources.includes('configmaps')));
  const bindings = (yaml.loadAll(readFileSync(path.join(process.cwd(), 'deploy', 'rbac.yaml'), 'utf8')) as { kind: string; metadata: { namespace?: string }; roleRef?: { kind: string; name: string } }[]).filter(
    (d) => d?.kind === 'RoleBinding' && d.roleRef?.name === 'tollgate-admission-handoff',
  );

  test('a namespaced Role on ConfigMaps with the calls handoff.ts makes (list by label, create, delete), bound in Tollgate\'s namespace', () => {
    expect(roles.map((r) => [r.metadata.name, r.rules])).toEqual([['tollgate-admission-handoff', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list', 'create', 'delete'] }]]]);
    expect(bindings.map((b) => [b.metadata.namespace, b.roleRef?.kind])).toEqual([['tollgate', 'Role']]);
  });
});
