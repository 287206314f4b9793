/**
 * Generates a string matching a regular expression (what Kyverno's `random()` does with goregen),
 * drawing every choice from the caller's random source so results are reproducible.
 */

type Node =
  | { kind: 'chars'; set: readonly string[] }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number }
  | { kind: 'empty' };

/** Upper bound used for `*`, `+` and `{n,}`. */
const UNBOUNDED_EXTRA = 10;

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const PRINTABLE = range(32, 126);
const DIGITS = range(48, 57);
const WORD = [...DIGITS, ...range(65, 90), ...range(97, 122), '_'];
const SPACE = [' ', '\t', '\n', '\r', '\f', '\v'];

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' };

function classEscape(c: string): readonly string[] | undefined {
  switch (c) {
    case 'd':
      return DIGITS;
    case 'D':
      return PRINTABLE.filter((x) => !DIGITS.includes(x));
    case 'w':
      return WORD;
    case 'W':
      return PRINTABLE.filter((x) => !WORD.includes(x));
    case 's':
      return SPACE;
    case 'S':
      return PRINTABLE.filter((x) => !SPACE.includes(x));
    default:
      return undefined;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.src.length) throw new SyntaxError(`unexpected ${this.src[this.pos]} at ${this.pos}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private quantified(node: Node): Node {
    let result = node;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, UNBOUNDED_EXTRA];
      else if (c === '+') [min, max] = [1, 1 + UNBOUNDED_EXTRA];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) return result;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? min + UNBOUNDED_EXTRA : Number(m[3]);
        if (max < min || max > 1000) throw new SyntaxError(`invalid repeat count ${m[0]}`);
        this.pos += m[0].length - 1;
      } else return result;
      this.pos++;
      if (this.peek() === '?') this.pos++;
      result = { kind: 'repeat', node: result, min, max };
    }
  }

  private atom(): Node {
    const c = this.src[this.pos++];
    switch (c) {
      case '(': {
        if (this.src.startsWith('?:', this.pos)) this.pos += 2;
        else if (this.src.startsWith('?P<', this.pos) || this.src.startsWith('?<', this.pos)) {
          const close = this.src.indexOf('>', this.pos);
          if (close < 0) throw new SyntaxError('unterminated group name');
          this.pos = close + 1;
        } else if (this.peek() === '?') {
          const m = /^\?[imsU]*\)/.exec(this.src.slice(this.pos));
          if (!m) throw new SyntaxError('unsupported group flags');
          this.pos += m[0].length;
          return { kind: 'empty' };
        }
        const inner = this.alternation();
        if (this.src[this.pos++] !== ')') throw new SyntaxError('missing closing )');
        return inner;
      }
      case '[':
        return { kind: 'chars', set: this.charClass() };
      case '.':
        return { kind: 'chars', set: PRINTABLE };
      case '^':
      case '$':
        return { kind: 'empty' };
      case '\\': {
        const e = this.src[this.pos++];
        if (e === undefined) throw new SyntaxError('trailing backslash');
        const set = classEscape(e);
        if (set) return { kind: 'chars', set };
        if (e === 'b' || e === 'B' || e === 'A' || e === 'z') return { kind: 'empty' };
        return { kind: 'chars', set: [ESCAPES[e] ?? e] };
      }
      case ')':
      case '*':
      case '+':
      case '?':
        throw new SyntaxError(`missing argument to repetition operator: ${c}`);
      default:
        return { kind: 'chars', set: [c] };
    }
  }

  private classChar(): string {
    const c = this.src[this.pos++];
    if (c !== '\\') return c;
    const e = this.src[this.pos++];
    return ESCAPES[e] ?? e;
  }

  private charClass(): string[] {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const set = new Set<string>();
    let first = true;
    while (this.pos < this.src.length && (this.peek() !== ']' || first)) {
      first = false;
      if (this.peek() === '\\') {
        const escaped = classEscape(this.src[this.pos + 1]);
        if (escaped) {
          this.pos += 2;
          escaped.forEach((x) => set.add(x));
          continue;
        }
      }
      if (this.src.startsWith('[:', this.pos)) {
        const end = this.src.indexOf(':]', this.pos);
        const name = this.src.slice(this.pos + 2, end);
        const posix: Readonly<Record<string, string[]>> = {
          alpha: [...range(65, 90), ...range(97, 122)],
          digit: DIGITS,
          alnum: [...DIGITS, ...range(65, 90), ...range(97, 122)],
          lower: range(97, 122),
          upper: range(65, 90),
          space: SPACE,
          word: WORD,
          xdigit: [...DIGITS, ...range(65, 70), ...range(97, 102)],
        };
        if (end > 0 && posix[name]) {
          posix[name].forEach((x) => set.add(x));
          this.pos = end + 2;
          continue;
        }
      }
      const lo = this.classChar();
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classChar();
        if (hi.charCodeAt(0) < lo.charCodeAt(0)) throw new SyntaxError(`invalid character class range: ${lo}-${hi}`);
        range(lo.charCodeAt(0), hi.charCodeAt(0)).forEach((x) => set.add(x));
      } else set.add(lo);
    }
    if (this.src[this.pos++] !== ']') throw new SyntaxError('missing closing ]');
    const chars = negated ? PRINTABLE.filter((x) => !set.has(x)) : [...set];
    if (chars.length === 0) throw new SyntaxError('empty character class');
    return chars;
  }
}

function pick(n: number, random: () => number): number {
  if (n <= 1) return 0;
  return Math.min(n - 1, Math.floor(random() * n));
}

function generate(node: Node, random: () => number): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'chars':
      return node.set[pick(node.set.length, random)];
    case 'seq':
      return node.items.map((n) => generate(n, random)).join('');
    case 'alt':
      return generate(node.options[pick(node.options.length, random)], random);
    case 'repeat': {
      const count = node.min + pick(node.max - node.min + 1, random);
      let out = '';
      for (let i = 0; i < count; i++) out += generate(node.node, random);
      return out;
    }
  }
}

/** A string the pattern matches; throws SyntaxError for a pattern it cannot read. */
export function generateFromRegex(pattern: string, random: () => number): string {
  return generate(new Parser(pattern).parse(), random);
}
