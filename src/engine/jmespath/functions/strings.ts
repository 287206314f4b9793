/** Kyverno's string functions. */
import forge from 'node-forge';
import { goPathJoin } from '../../values/index.js';
import { decodeBase64, encodeBase64, utf8Decode, utf8Encode } from '../lib/base64.js';
import { FunctionError } from '../lib/errors.js';
import { goCompare, goEqualFold, goReplace, goSplit, goToLower, goToUpper, goTrim } from '../lib/go-strings.js';
import { arg, type KyvernoFunction, num, str, T } from './define.js';

const s1 = [arg(T.string)];
const s2 = [arg(T.string), arg(T.string)];

function digest(md: forge.md.MessageDigest, text: string): string {
  return md.update(text, 'utf8').digest().toHex();
}

export const stringFunctions: KyvernoFunction[] = [
  { name: 'compare', signature: s2, handler: (a) => goCompare(str('compare', a, 0), str('compare', a, 1)) },
  { name: 'equal_fold', signature: s2, handler: (a) => goEqualFold(str('equal_fold', a, 0), str('equal_fold', a, 1)) },
  {
    name: 'replace',
    signature: [arg(T.string), arg(T.string), arg(T.string), arg(T.number)],
    handler: (a) => goReplace(str('replace', a, 0), str('replace', a, 1), str('replace', a, 2), Math.trunc(num('replace', a, 3))),
  },
  {
    name: 'replace_all',
    signature: [arg(T.string), arg(T.string), arg(T.string)],
    handler: (a) => goReplace(str('replace_all', a, 0), str('replace_all', a, 1), str('replace_all', a, 2), -1),
  },
  { name: 'to_upper', signature: s1, handler: (a) => goToUpper(str('to_upper', a, 0)) },
  { name: 'to_lower', signature: s1, handler: (a) => goToLower(str('to_lower', a, 0)) },
  { name: 'trim', signature: s2, handler: (a) => goTrim(str('trim', a, 0), str('trim', a, 1)) },
  {
    name: 'trim_prefix',
    signature: s2,
    handler: (a) => {
      const s = str('trim_prefix', a, 0);
      const prefix = str('trim_prefix', a, 1);
      return s.startsWith(prefix) ? s.slice(prefix.length) : s;
    },
  },
  { name: 'split', signature: s2, handler: (a) => goSplit(str('split', a, 0), str('split', a, 1)) },
  {
    name: 'truncate',
    signature: [arg(T.string), arg(T.number)],
    handler: (a) => {
      const length = Math.max(0, Math.trunc(num('truncate', a, 1)));
      return [...str('truncate', a, 0)].slice(0, length).join('');
    },
  },
  {
    name: 'to_boolean',
    signature: s1,
    handler: (a) => {
      const s = str('to_boolean', a, 0);
      const lower = s.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw new FunctionError('to_boolean', `lowercase argument must be 'true' or 'false' (provided: '${s}')`);
    },
  },
  {
    name: 'base64_decode',
    signature: s1,
    handler: (a) => {
      const decoded = decodeBase64(str('base64_decode', a, 0));
      if (!decoded.ok) throw new FunctionError('base64_decode', `illegal base64 data at input byte ${decoded.offset}`);
      return utf8Decode(decoded.bytes);
    },
  },
  { name: 'base64_encode', signature: s1, handler: (a) => encodeBase64(utf8Encode(str('base64_encode', a, 0))) },
  { name: 'path_canonicalize', signature: s1, handler: (a) => goPathJoin(str('path_canonicalize', a, 0)) },
  { name: 'sha256', signature: s1, handler: (a) => digest(forge.md.sha256.create(), str('sha256', a, 0)) },
  { name: 'md5', signature: s1, handler: (a) => digest(forge.md.md5.create(), str('md5', a, 0)) },
];
