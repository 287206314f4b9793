/** Every function Kyverno adds to JMESPath, registered once into the library's runtime. */
import { registerFunction } from '@jmespath-community/jmespath';
import type { JsonValue } from '../../../api/json.js';
import { arithmeticFunctions } from './arithmetic.js';
import type { KyvernoFunction } from './define.js';
import { miscFunctions } from './misc.js';
import { objectFunctions } from './objects.js';
import { regexFunctions } from './regex.js';
import { stringFunctions } from './strings.js';
import { timeFunctions } from './time.js';

export const kyvernoFunctions: readonly KyvernoFunction[] = [
  ...stringFunctions,
  ...regexFunctions,
  ...objectFunctions,
  ...arithmeticFunctions,
  ...timeFunctions,
  ...miscFunctions,
];

let registered = false;

/**
 * Kyverno's definitions replace the built-ins of the same name (split, replace, trim, items, sum),
 * as Kyverno's function table does.
 */
export function registerKyvernoFunctions(): void {
  if (registered) return;
  registered = true;
  for (const f of kyvernoFunctions) {
    // Arguments reach handlers already type-checked against the signature; only JSON values get through.
    const run: Parameters<typeof registerFunction>[1] = (args) => f.handler(args as JsonValue[]);
    registerFunction(f.name, run, f.signature, { override: true });
  }
}
