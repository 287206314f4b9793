/** Renders pattern and resource values for mismatch reports. */

export const MISSING = '<missing>';

export function describeValue(value: unknown): string {
  if (value === undefined) return MISSING;
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

export function typeName(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
