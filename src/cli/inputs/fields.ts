/**
 * Field access the way Go decodes JSON into structs: an exact key wins, otherwise any key equal to the name
 * ignoring case (so `isMUtatingPolicy` reads as `isMutatingPolicy`).
 */
import { isRecord } from '../../api/json.js';

export function field(object: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return object[key];
  return undefined;
}

export function hasField(object: Record<string, unknown>, name: string): boolean {
  return field(object, name) !== undefined;
}

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function optionalString(object: Record<string, unknown>, name: string, where: string): FieldResult<string | undefined> {
  const value = field(object, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value: value.trim() };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
  return { ok: false, error: `${where}.${name}: expected a string` };
}

/** A list of strings; a single string is accepted as a one-element list. */
export function optionalStringList(object: Record<string, unknown>, name: string, where: string): FieldResult<string[] | undefined> {
  const value = field(object, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value: [value.trim()] };
  if (!Array.isArray(value)) return { ok: false, error: `${where}.${name}: expected a list of strings` };
  const out: string[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'string') return { ok: false, error: `${where}.${name}[${i}]: expected a string` };
    out.push(item.trim());
  }
  return { ok: true, value: out };
}

export function optionalBoolean(object: Record<string, unknown>, name: string): boolean {
  const value = field(object, name);
  return value === true || value === 'true';
}

export function optionalRecord(object: Record<string, unknown>, name: string, where: string): FieldResult<Record<string, unknown> | undefined> {
  const value = field(object, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (!isRecord(value)) return { ok: false, error: `${where}.${name}: expected a mapping` };
  return { ok: true, value };
}

export function optionalList(object: Record<string, unknown>, name: string, where: string): FieldResult<unknown[] | undefined> {
  const value = field(object, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (!Array.isArray(value)) return { ok: false, error: `${where}.${name}: expected a list` };
  return { ok: true, value };
}
