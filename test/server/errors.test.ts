/** docs/errors.md and the error catalogue must agree, code by code. */
import { readFileSync } from 'node:fs';
import { ERROR_CATALOGUE, errorBody } from '../../src/server/index.js';

function documentedRows(): Map<string, { status: number; message: string }> {
  const rows = new Map<string, { status: number; message: string }>();
  for (const line of readFileSync('docs/errors.md', 'utf8').split('\n')) {
    const m = /^\| `(TG_[A-Z_]+)` \| (\d{3}) \| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1], { status: Number(m[2]), message: m[3].trim() });
  }
  return rows;
}

describe('docs/errors.md', () => {
  const rows = documentedRows();

  test('documents exactly the catalogue codes', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
  });

  test.each(Object.entries(ERROR_CATALOGUE))('%s has the documented status and message', (code, def) => {
    expect(rows.get(code)).toEqual({ status: def.status, message: def.message });
  });
});

describe('errorBody', () => {
  test('without detail: the catalogue message', () => {
    expect(errorBody('TG_MISSING_UID')).toEqual({ code: 'TG_MISSING_UID', message: 'the AdmissionReview request has no uid' });
  });

  test('with detail and uid', () => {
    expect(errorBody('TG_INVALID_REQUEST', 'request.kind: required', 'u1')).toEqual({
      code: 'TG_INVALID_REQUEST',
      message: 'the AdmissionReview request has a missing or mistyped field: request.kind: required',
      uid: 'u1',
    });
  });
});
