/**
 * A small typed argument parser: `--flag value`, `--flag=value`, boolean `--flag`, list flags that take
 * every following value up to the next flag (and may repeat), positionals, and `--` to end the flags.
 */

export type FlagKind = 'boolean' | 'string' | 'list';

export interface ArgSpec<F extends Record<string, FlagKind>> {
  flags: F;
  /** Name shown in errors for positionals; undefined means the command takes none. */
  positional?: { name: string; min: number };
}

export type FlagValue<K extends FlagKind> = K extends 'boolean' ? boolean : K extends 'string' ? string | undefined : string[];

export type ParsedFlags<F extends Record<string, FlagKind>> = { [N in keyof F]: FlagValue<F[N]> };

export interface ParsedArgs<F extends Record<string, FlagKind>> {
  flags: ParsedFlags<F>;
  positionals: string[];
  help: boolean;
}

export type ParseResult<F extends Record<string, FlagKind>> = { ok: true; value: ParsedArgs<F> } | { ok: false; error: string };

const isFlagToken = (token: string): boolean => token.startsWith('-') && token !== '-';

export function parseArgs<F extends Record<string, FlagKind>>(argv: readonly string[], spec: ArgSpec<F>): ParseResult<F> {
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positionals: string[] = [];
  let help = false;
  let i = 0;
  while (i < argv.length) {
    const token = argv[i];
    i++;
    if (token === '--') {
      positionals.push(...argv.slice(i));
      break;
    }
    if (!isFlagToken(token)) {
      positionals.push(token);
      continue;
    }
    if (token === '-h' || token === '--help') {
      help = true;
      continue;
    }
    if (!token.startsWith('--')) return { ok: false, error: `unknown flag: ${token}` };
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const inline = eq < 0 ? undefined : token.slice(eq + 1);
    const kind: FlagKind | undefined = Object.prototype.hasOwnProperty.call(spec.flags, name) ? spec.flags[name] : undefined;
    if (kind === undefined) return { ok: false, error: `unknown flag: --${name}` };
    if (kind === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') return { ok: false, error: `flag --${name} takes no value (got "${inline}")` };
      if (inline === 'false') booleans.delete(name);
      else booleans.add(name);
      continue;
    }
    if (kind === 'string') {
      let value = inline;
      if (value === undefined && i < argv.length && !isFlagToken(argv[i])) value = argv[i++];
      if (value === undefined || value === '') return { ok: false, error: `flag --${name} needs a value` };
      if (strings.has(name)) return { ok: false, error: `flag --${name} given more than once` };
      strings.set(name, value);
      continue;
    }
    const values = lists.get(name) ?? [];
    if (inline !== undefined) values.push(inline);
    else while (i < argv.length && !isFlagToken(argv[i]) && argv[i] !== '--') values.push(argv[i++]);
    if (values.length === 0 || values.some((v) => v === '')) return { ok: false, error: `flag --${name} needs at least one value` };
    lists.set(name, values);
  }
  if (!help) {
    if (spec.positional === undefined && positionals.length > 0) return { ok: false, error: `unexpected argument: ${positionals[0]}` };
    if (spec.positional && positionals.length < spec.positional.min) return { ok: false, error: `missing argument: ${spec.positional.name}` };
  }
  const flags: Record<string, boolean | string | string[] | undefined> = {};
  for (const [name, kind] of Object.entries(spec.flags)) {
    flags[name] = kind === 'boolean' ? booleans.has(name) : kind === 'string' ? strings.get(name) : (lists.get(name) ?? []);
  }
  // The loop above filled exactly the keys and value kinds of F.
  return { ok: true, value: { flags: flags as ParsedFlags<F>, positionals, help } };
}
