/** `tollgate scan`: the reports a cluster would hold for the resources, as YAML documents or a JSON List. */
import yaml from 'js-yaml';
import { jsonSize, type ReportObject } from '../../../src/report/index.js';
import { fixedEnv, runCli } from '../run-cli.js';

const argv = ['scan', '--policy', 'test/fixtures/report-scan/policies.yaml', '--resource', 'test/fixtures/report-scan/resources.yaml'];
const key = (r: ReportObject): string => `${r.kind} ${r.metadata.namespace ?? '-'} ${r.metadata.name}`;

describe('tollgate scan', () => {
  test('prints one report per namespace and policy, ClusterPolicyReports for cluster-scoped resources', async () => {
    const r = await runCli(argv);
    expect([r.code, r.err]).toEqual([0, '']);
    const reports = yaml.loadAll(r.out) as ReportObject[];
    expect(reports.map(key)).toEqual([
      'ClusterPolicyReport - tollgate-cpol-require-team-label-0',
      'PolicyReport default tollgate-cpol-require-team-label-0',
      'PolicyReport team-a tollgate-cpol-require-team-label-0',
      'PolicyReport team-a tollgate-pol-no-latest-0',
    ]);
    const rows = reports.flatMap((rep) => rep.results.map((x) => `${x.policy}/${x.rule} ${x.result} ${x.resources[0].kind} ${x.resources[0].namespace ?? ''}/${x.resources[0].name}`));
    expect(rows).toEqual([
      'require-team-label/namespaces-have-team pass Namespace /team-a',
      'require-team-label/namespaces-have-team fail Namespace /unowned',
      'require-team-label/pods-have-team fail Pod default/loose',
      'require-team-label/pods-have-team fail Pod team-a/api',
      'require-team-label/pods-have-team pass Pod team-a/web',
      'team-a/no-latest/no-latest-tag pass Pod team-a/api',
      'team-a/no-latest/no-latest-tag fail Pod team-a/web',
    ]);
  });

  test('results carry source, category, severity, scored, process and the CLI clock', async () => {
    const reports = yaml.loadAll((await runCli(argv)).out) as ReportObject[];
    const [first] = reports[0].results;
    expect(first).toMatchObject({ source: 'tollgate', category: 'Best Practices', severity: 'medium', scored: true, properties: { process: 'background scan' } });
    expect(first.timestamp).toEqual({ seconds: fixedEnv.now() / 1000, nanos: 0 });
    const local = reports[3];
    expect(local.results.every((x) => x.scored === false && x.category === undefined)).toBe(true);
    expect(local.summary).toEqual({ pass: 1, fail: 1, warn: 0, error: 0, skip: 0 });
    expect(local.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'tollgate', 'reports.tollgate.io/policy': 'no-latest', 'reports.tollgate.io/shard': '0' });
  });

  test.each([['-o', 'json'], ['--output', 'json'], ['-ojson', undefined]])('%s %s prints a v1 List with the same reports', async (flag, value) => {
    const asYaml = yaml.loadAll((await runCli(argv)).out);
    const r = await runCli([...argv, flag, ...(value ? [value] : [])]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { apiVersion: string; kind: string; items: ReportObject[] };
    expect([list.apiVersion, list.kind]).toEqual(['v1', 'List']);
    expect(list.items).toEqual(asYaml);
    for (const item of list.items) expect(jsonSize(item)).toBeLessThan(1024 * 1024);
  });

  test('the same input prints byte-identical output', async () => {
    expect((await runCli(argv)).out).toBe((await runCli(argv)).out);
  });

  test('directories work too', async () => {
    const r = await runCli(['scan', '--policy', 'test/fixtures/report-scan', '--resource', 'test/fixtures/report-scan/resources.yaml']);
    expect(r.code).toBe(0);
    expect(yaml.loadAll(r.out)).toHaveLength(4);
  });

  test.each<[string, string[], RegExp]>([
    ['no --policy', ['scan', '--resource', 'test/fixtures/report-scan/resources.yaml'], /missing flag: --policy/],
    ['no --resource', ['scan', '--policy', 'test/fixtures/report-scan/policies.yaml'], /missing flag: --resource/],
    ['a bad format', [...argv, '-o', 'xml'], /--output "xml": expected yaml or json/],
    ['an unknown flag', [...argv, '--json'], /unknown flag: --json/],
  ])('%s is a usage error', async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('help is registered', async () => {
    const r = await runCli(['scan', '--help']);
    expect(r.out).toMatch(/^Usage: tollgate scan/);
    expect((await runCli(['--help'])).out).toMatch(/\n {2}scan {2,}/);
  });
});
