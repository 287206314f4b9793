/** How Kyverno's functions are declared: a name, JMESPath argument types and a handler over JSON values. */
import { TYPE_ANY, TYPE_ARRAY, TYPE_NUMBER, TYPE_OBJECT, TYPE_STRING } from '@jmespath-community/jmespath';
import type { InputSignature } from '@jmespath-community/jmespath';
import type { JsonValue } from '../../../api/json.js';
import { formatFloat32 } from '../../values/index.js';
import { argTypeError } from '../lib/errors.js';

export interface KyvernoFunction {
  name: string;
  signature: InputSignature[];
  handler: (args: readonly JsonValue[]) => JsonValue;
}

export const T = {
  any: TYPE_ANY,
  array: TYPE_ARRAY,
  number: TYPE_NUMBER,
  object: TYPE_OBJECT,
  string: TYPE_STRING,
} as const;

/** One required argument accepting any of `types`. */
export const arg = (...types: InputSignature['types']): InputSignature => ({ types });

export function str(fn: string, args: readonly JsonValue[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw argTypeError(fn, i + 1, 'string');
  return v;
}

export function num(fn: string, args: readonly JsonValue[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number') throw argTypeError(fn, i + 1, 'number');
  return v;
}

/** Kyverno's ifaceToString: strings as is, numbers through float32 formatting, booleans as true/false. */
export function loose(fn: string, args: readonly JsonValue[], i: number, expected = 'string or number'): string {
  const v = args[i];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat32(v);
  if (typeof v === 'boolean') return String(v);
  throw argTypeError(fn, i + 1, expected);
}
