import { levelEnabled } from '../../../src/server/admission/decision-log.js';

describe('levelEnabled', () => {
  test.each([
    ['trace', 'debug', true],
    ['debug', 'debug', true],
    ['info', 'debug', false],
    ['info', 'info', true],
    ['warn', 'info', false],
    ['silent', 'info', false],
    ['custom-level', 'debug', true],
  ] as const)('logger at %s writes %s lines: %s', (current, level, expected) => {
    expect(levelEnabled({ level: current }, level)).toBe(expected);
  });
});
