/** Kyverno's remaining functions: random strings, semver ranges, certificates, images and URLs. */
import { parseImageReference } from '../../images/index.js';
import { semverSatisfies } from '../../values/index.js';
import { activeEnv } from '../env-context.js';
import { FunctionError } from '../lib/errors.js';
import { isExternalUrl } from '../lib/external-url.js';
import { generateFromRegex } from '../lib/regex-gen.js';
import { decodeX509 } from '../lib/x509.js';
import { arg, type KyvernoFunction, str, T } from './define.js';

const s1 = [arg(T.string)];

function guard<V>(fn: string, run: () => V): V {
  try {
    return run();
  } catch (err) {
    if (err instanceof FunctionError) throw err;
    throw new FunctionError(fn, err instanceof Error ? err.message : String(err));
  }
}

export const miscFunctions: KyvernoFunction[] = [
  {
    name: 'random',
    signature: s1,
    handler: (a) => {
      const pattern = str('random', a, 0);
      if (pattern === '') throw new FunctionError('random', 'no pattern provided');
      const env = activeEnv('random');
      return guard('random', () => generateFromRegex(pattern, () => env.random()));
    },
  },
  {
    name: 'semver_compare',
    signature: [arg(T.string), arg(T.string)],
    handler: (a) => guard('semver_compare', () => semverSatisfies(str('semver_compare', a, 0), str('semver_compare', a, 1))),
  },
  { name: 'x509_decode', signature: s1, handler: (a) => guard('x509_decode', () => decodeX509(str('x509_decode', a, 0))) },
  {
    name: 'image_normalize',
    signature: s1,
    handler: (a) => {
      const image = str('image_normalize', a, 0);
      const ref = parseImageReference(image);
      if (!ref) throw new FunctionError('image_normalize', `bad image: ${image}`);
      return ref.reference;
    },
  },
  { name: 'is_external_url', signature: s1, handler: (a) => guard('is_external_url', () => isExternalUrl(str('is_external_url', a, 0))) },
];
