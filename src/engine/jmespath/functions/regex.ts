/** Kyverno's regular-expression and wildcard functions (Go RE2 syntax, see lib/go-regex). */
import { wildcardMatch } from '../../values/index.js';
import { FunctionError } from '../lib/errors.js';
import { goRegexTest, goReplaceAll } from '../lib/go-regex.js';
import { arg, type KyvernoFunction, loose, str, T } from './define.js';

function withRegex<V>(fn: string, run: () => V): V {
  try {
    return run();
  } catch (err) {
    if (err instanceof SyntaxError) throw new FunctionError(fn, `error parsing regexp: ${err.message}`);
    throw err;
  }
}

const replaceSignature = [arg(T.string), arg(T.string, T.number), arg(T.string, T.number)];

function replaceAll(fn: string, literal: boolean): KyvernoFunction {
  return {
    name: fn,
    signature: replaceSignature,
    handler: (a) => {
      const pattern = str(fn, a, 0);
      const src = loose(fn, a, 1);
      const repl = loose(fn, a, 2);
      return withRegex(fn, () => goReplaceAll(pattern, src, repl, literal));
    },
  };
}

export const regexFunctions: KyvernoFunction[] = [
  replaceAll('regex_replace_all', false),
  replaceAll('regex_replace_all_literal', true),
  {
    name: 'regex_match',
    signature: [arg(T.string), arg(T.string, T.number)],
    handler: (a) => {
      const pattern = str('regex_match', a, 0);
      const src = loose('regex_match', a, 1);
      return withRegex('regex_match', () => goRegexTest(pattern, src));
    },
  },
  {
    name: 'pattern_match',
    signature: [arg(T.string), arg(T.string, T.number)],
    handler: (a) => wildcardMatch(str('pattern_match', a, 0), loose('pattern_match', a, 1)),
  },
];
