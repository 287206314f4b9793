/**
 * Go (RE2) regular expressions run on JavaScript's engine. The syntax differences that show up in policies
 * are translated: leading flag groups such as `(?i)`, `(?P<name>...)`, `\A`/`\z`, `\Q...\E` and POSIX
 * classes like `[[:alpha:]]`. Replacement templates follow Go's Regexp.Expand (`$1`, `${1}`, `$name`, `$$`).
 */

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 512;

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** Rewrites RE2 syntax into an equivalent JavaScript pattern and flags; throws SyntaxError when invalid. */
export function translateGoRegex(pattern: string): { source: string; flags: string } {
  let flags = '';
  let rest = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(rest);
  if (lead) {
    for (const f of lead[1]) {
      if (f === 'U') throw new SyntaxError('ungreedy flag (?U) is not supported');
      if (!flags.includes(f)) flags += f;
    }
    rest = rest.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      const n = rest[i + 1];
      if (n === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = end < 0 ? rest.slice(i + 2) : rest.slice(i + 2, end);
        out += escapeLiteral(literal);
        i = end < 0 ? rest.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') {
        out += '^';
        i++;
        continue;
      }
      if (!inClass && n === 'z') {
        out += '$(?![\\s\\S])';
        i++;
        continue;
      }
      if (n === 'p' || n === 'P') {
        if (!flags.includes('u')) flags += 'u';
        const name = rest[i + 2] === '{' ? '' : rest[i + 2];
        if (name) {
          out += `\\${n}{${name}}`;
          i += 2;
          continue;
        }
      }
      out += c + (n ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && rest[i + 1] === ':') {
        const end = rest.indexOf(':]', i + 2);
        if (end > 0) {
          const negated = rest[i + 2] === '^';
          const name = rest.slice(i + (negated ? 3 : 2), end);
          const body = POSIX_CLASSES[name];
          if (body === undefined) throw new SyntaxError(`invalid character class range: [:${name}:]`);
          if (negated) throw new SyntaxError('negated POSIX classes are not supported');
          out += body;
          i = end + 1;
          continue;
        }
      }
      if (c === '[') {
        out += '\\[';
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (rest[i + 1] === '^') {
        out += '^';
        i++;
      }
      // A `]` right after the opening bracket is literal in RE2.
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += c;
  }
  return { source: out, flags };
}

/** Compiles (and caches) a Go regular expression; throws SyntaxError with the engine's message when invalid. */
export function compileGoRegex(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const { source, flags } = translateGoRegex(pattern);
  const re = new RegExp(source, `${flags}g`);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(pattern, re);
  return re;
}

export function goRegexTest(pattern: string, input: string): boolean {
  const re = compileGoRegex(pattern);
  re.lastIndex = 0;
  return re.test(input);
}

/** Successive non-overlapping matches; an empty match right after a previous match is skipped, as in Go. */
function* matches(re: RegExp, input: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let lastEnd = -1;
  while (re.lastIndex <= input.length) {
    const m = re.exec(input);
    if (!m) return;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      if (m.index === lastEnd) continue;
    }
    lastEnd = end;
    yield m;
  }
}

/** Regexp.Expand: `$n`, `${n}`, `$name`, `${name}` (longest run of word characters), `$$`. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$' || i + 1 >= template.length) {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      name = close < 0 ? '' : template.slice(i + 2, close);
      end = close;
      if (!/^\w+$/.test(name)) {
        out += c;
        continue;
      }
    } else {
      const word = /^\w+/.exec(template.slice(i + 1));
      if (!word) {
        out += c;
        continue;
      }
      name = word[0];
      end = i + name.length;
    }
    if (/^\d+$/.test(name)) {
      const index = Number(name);
      out += index < m.length ? (m[index] ?? '') : '';
    } else {
      out += m.groups?.[name] ?? '';
    }
    i = end;
  }
  return out;
}

/** Regexp.ReplaceAllString (expanding the template) or ReplaceAllLiteralString. */
export function goReplaceAll(pattern: string, input: string, replacement: string, literal: boolean): string {
  const re = compileGoRegex(pattern);
  let out = '';
  let last = 0;
  for (const m of matches(re, input)) {
    out += input.slice(last, m.index) + (literal ? replacement : expandTemplate(replacement, m));
    last = m.index + m[0].length;
  }
  return out + input.slice(last);
}
