/** Decoding a rule's `patchesJson6902` text (after variable substitution) into typed operations. */
import yaml from 'js-yaml';
import { isRecord } from '../../../api/json.js';
import type { JsonPatchOp } from '../../../api/json-patch.js';
import { GO_YAML_SCHEMA } from '../../yaml/go-yaml-schema.js';

const SCHEMA = GO_YAML_SCHEMA;

const FIELD = 'patchesJson6902';

export type ParseResult = { ok: true; ops: JsonPatchOp[] } | { ok: false; message: string };

/**
 * Text starting with `[` is JSON, anything else YAML (Kyverno converts only the latter). Each operation needs
 * `op` and a string `path`; add and replace need `value` (null allowed), move and copy a string `from`. A test
 * without `value` compares with null, as evanphx/json-patch does. Unknown fields are ignored.
 */
export function parseJson6902(text: string): ParseResult {
  const decoded = decode(text);
  if (!decoded.ok) return decoded;
  if (!Array.isArray(decoded.value)) return { ok: false, message: `${FIELD}: expected a list of operations, got ${describe(decoded.value)}` };
  const ops: JsonPatchOp[] = [];
  for (let i = 0; i < decoded.value.length; i++) {
    const op = toOperation(decoded.value[i]);
    if (typeof op === 'string') return { ok: false, message: `${FIELD}[${i}]: ${op}` };
    ops.push(op);
  }
  return { ok: true, ops };
}

function decode(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: false, message: `${FIELD}: empty` };
  try {
    if (text.startsWith('[')) return { ok: true, value: JSON.parse(text) };
    const value = yaml.load(text, { schema: SCHEMA, json: true });
    const bad = nonJson(value, '');
    if (bad !== undefined) return { ok: false, message: `${FIELD}: ${bad}` };
    return { ok: true, value };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, message: `${FIELD}: cannot decode ${text.startsWith('[') ? 'JSON' : 'YAML'}: ${reason}` };
  }
}

/** YAML can spell numbers JSON cannot hold (.inf, .nan); Kyverno's conversion to JSON fails on them. */
function nonJson(value: unknown, at: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at || 'value'}: ${value} is not a JSON number`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonJson(value[i], `${at}[${i}]`);
      if (bad !== undefined) return bad;
    }
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const bad = nonJson(v, at ? `${at}.${k}` : k);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

/** The operation, or why it is not one. */
function toOperation(raw: unknown): JsonPatchOp | string {
  if (!isRecord(raw)) return `expected an operation object, got ${describe(raw)}`;
  const { op, path } = raw;
  if (op === undefined) return 'missing "op"';
  if (typeof op !== 'string') return `"op" must be a string, got ${describe(op)}`;
  if (op !== 'add' && op !== 'remove' && op !== 'replace' && op !== 'move' && op !== 'copy' && op !== 'test') return `unsupported operation ${JSON.stringify(op)}`;
  if (path === undefined) return 'missing "path"';
  if (typeof path !== 'string') return `"path" must be a string, got ${describe(path)}`;
  const hasValue = Object.hasOwn(raw, 'value');
  switch (op) {
    case 'remove':
      return { op, path };
    case 'test':
      return { op, path, value: hasValue ? raw.value : null };
    case 'add':
    case 'replace':
      if (!hasValue) return 'missing "value"';
      return { op, path, value: raw.value };
    case 'move':
    case 'copy': {
      const { from } = raw;
      if (from === undefined) return 'missing "from"';
      if (typeof from !== 'string') return `"from" must be a string, got ${describe(from)}`;
      return { op, from, path };
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
