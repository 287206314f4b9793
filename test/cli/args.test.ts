import { parseArgs } from '../../src/cli/args.js';

const spec = { flags: { json: 'boolean', baseline: 'string', policy: 'list' }, positional: { name: '<dir>', min: 1 } } as const;
const noPositional = { flags: { json: 'boolean', policy: 'list' } } as const;

describe('parseArgs', () => {
  test.each([
    { argv: ['a'], flags: { json: false, baseline: undefined, policy: [] }, positionals: ['a'] },
    { argv: ['a', '--json', 'b'], flags: { json: true, baseline: undefined, policy: [] }, positionals: ['a', 'b'] },
    { argv: ['--baseline', 'f.json', 'a'], flags: { json: false, baseline: 'f.json', policy: [] }, positionals: ['a'] },
    { argv: ['--baseline=f.json', 'a'], flags: { json: false, baseline: 'f.json', policy: [] }, positionals: ['a'] },
    { argv: ['--policy', 'p1', 'p2', '--json', 'a'], flags: { json: true, baseline: undefined, policy: ['p1', 'p2'] }, positionals: ['a'] },
    { argv: ['--policy', 'p1', '--policy=p2', '--', 'a'], flags: { json: false, baseline: undefined, policy: ['p1', 'p2'] }, positionals: ['a'] },
    { argv: ['--json=false', 'a'], flags: { json: false, baseline: undefined, policy: [] }, positionals: ['a'] },
    { argv: ['--', '--json'], flags: { json: false, baseline: undefined, policy: [] }, positionals: ['--json'] },
    { argv: ['-'], flags: { json: false, baseline: undefined, policy: [] }, positionals: ['-'] },
  ])('parses $argv', ({ argv, flags, positionals }) => {
    const r = parseArgs(argv, spec);
    expect(r).toEqual({ ok: true, value: { flags, positionals, help: false } });
  });

  test.each([
    { argv: ['a', '--nope'], error: 'unknown flag: --nope' },
    { argv: ['a', '-x'], error: 'unknown flag: -x' },
    { argv: ['a', '--baseline'], error: 'flag --baseline needs a value' },
    { argv: ['a', '--baseline', '--json'], error: 'flag --baseline needs a value' },
    { argv: ['a', '--baseline='], error: 'flag --baseline needs a value' },
    { argv: ['a', '--baseline', 'x', '--baseline', 'y'], error: 'flag --baseline given more than once' },
    { argv: ['a', '--policy'], error: 'flag --policy needs at least one value' },
    { argv: ['a', '--policy', '--json'], error: 'flag --policy needs at least one value' },
    { argv: ['a', '--json=yes'], error: 'flag --json takes no value (got "yes")' },
    { argv: [], error: 'missing argument: <dir>' },
    { argv: ['--json'], error: 'missing argument: <dir>' },
  ])('rejects $argv', ({ argv, error }) => {
    expect(parseArgs(argv, spec)).toEqual({ ok: false, error });
  });

  test('a command without positionals rejects stray arguments', () => {
    expect(parseArgs(['stray'], noPositional)).toEqual({ ok: false, error: 'unexpected argument: stray' });
    expect(parseArgs(['--policy', 'a', 'b'], noPositional)).toEqual({ ok: true, value: { flags: { json: false, policy: ['a', 'b'] }, positionals: [], help: false } });
  });

  test('--help and -h are recognised and skip the positional check', () => {
    for (const argv of [['--help'], ['-h'], ['a', '--help']]) {
      const r = parseArgs(argv, spec);
      expect(r.ok && r.value.help).toBe(true);
    }
  });

  test('prototype keys are not flags', () => {
    expect(parseArgs(['a', '--toString'], spec)).toEqual({ ok: false, error: 'unknown flag: --toString' });
  });
});
