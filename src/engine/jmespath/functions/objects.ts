/** Kyverno's functions over objects, arrays and encoded documents. */
import yaml from 'js-yaml';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../api/json.js';
import { deepEqualJson, formatFloat32 } from '../../values/index.js';
import { GO_YAML_SCHEMA } from '../../yaml/go-yaml-schema.js';
import { argTypeError, FunctionError } from '../lib/errors.js';
import { arg, type KyvernoFunction, str, T } from './define.js';

const YAML_SCHEMA = GO_YAML_SCHEMA;

/** Keeps only what JSON can hold (dates become strings, undefined becomes null). */
function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return String(value);
}

function intIndex(fn: string, n: number): number {
  if (Math.trunc(n) !== n) throw new FunctionError(fn, `argument #2: expected an integer number but got: ${n}`);
  return n;
}

export const objectFunctions: KyvernoFunction[] = [
  {
    name: 'label_match',
    signature: [arg(T.object), arg(T.object)],
    handler: (a) => {
      const [selector, labels] = a;
      if (!isJsonObject(selector)) throw argTypeError('label_match', 1, 'object');
      if (!isJsonObject(labels)) throw argTypeError('label_match', 2, 'object');
      return Object.entries(selector).every(([k, v]) => k in labels && deepEqualJson(labels[k], v));
    },
  },
  {
    name: 'lookup',
    signature: [arg(T.object, T.array), arg(T.string, T.number)],
    handler: (a) => {
      const [input, key] = a;
      if (Array.isArray(input)) {
        if (typeof key !== 'number') throw argTypeError('lookup', 2, 'number');
        const i = intIndex('lookup', key);
        return i >= 0 && i < input.length ? input[i] : null;
      }
      if (isJsonObject(input)) {
        if (typeof key !== 'string') throw argTypeError('lookup', 2, 'string');
        return Object.prototype.hasOwnProperty.call(input, key) ? input[key] : null;
      }
      throw argTypeError('lookup', 1, 'object or array');
    },
  },
  {
    name: 'items',
    signature: [arg(T.object, T.array), arg(T.string), arg(T.string)],
    handler: (a) => {
      const [input] = a;
      const keyName = str('items', a, 1);
      const valueName = str('items', a, 2);
      if (Array.isArray(input)) return input.map((v, i) => ({ [keyName]: i, [valueName]: v }));
      if (isJsonObject(input)) {
        // Sorted keys, as Kyverno does for a deterministic order.
        return Object.keys(input)
          .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
          .map((k) => ({ [keyName]: k, [valueName]: input[k] }));
      }
      throw argTypeError('items', 1, 'object or array');
    },
  },
  {
    name: 'object_from_lists',
    signature: [arg(T.array), arg(T.array)],
    handler: (a) => {
      const [keys, values] = a;
      if (!Array.isArray(keys)) throw argTypeError('object_from_lists', 1, 'array');
      if (!Array.isArray(values)) throw argTypeError('object_from_lists', 2, 'array');
      const out: JsonObject = {};
      keys.forEach((k, i) => {
        let key: string;
        if (typeof k === 'string') key = k;
        else if (typeof k === 'number') key = formatFloat32(k);
        else if (typeof k === 'boolean') key = String(k);
        else throw argTypeError('object_from_lists', 1, 'array of strings');
        out[key] = i < values.length ? values[i] : null;
      });
      return out;
    },
  },
  {
    name: 'parse_json',
    signature: [arg(T.string)],
    handler: (a) => {
      try {
        return toJson(JSON.parse(str('parse_json', a, 0)));
      } catch (err) {
        throw new FunctionError('parse_json', err instanceof Error ? err.message : String(err));
      }
    },
  },
  {
    name: 'parse_yaml',
    signature: [arg(T.string)],
    handler: (a) => {
      try {
        const docs = yaml.loadAll(str('parse_yaml', a, 0), undefined, { schema: YAML_SCHEMA });
        return toJson(docs[0]);
      } catch (err) {
        throw new FunctionError('parse_yaml', err instanceof Error ? err.message : String(err));
      }
    },
  },
];
