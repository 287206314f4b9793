/**
 * Kyverno's arithmetic over numbers, quantities ('1Gi', '500m') and durations ('1h30m'). A string operand is
 * a quantity if it parses as one (so '5m' is 5 milli, never 5 minutes), else a duration. Type rules:
 *   q±q -> quantity, d±d -> duration, n±n -> number (mixing is an error)
 *   q×n, n×q -> quantity; d×n, n×d -> duration; n×n -> number
 *   q÷q, d÷d, n÷n -> number; q÷n -> quantity; d÷n -> duration
 *   q%q -> quantity, d%d -> duration, n%n -> number (integers only)
 */
import type { JsonValue } from '../../../api/json.js';
import {
  addQuantities,
  divideQuantity,
  durationFromFloat,
  durationSeconds,
  formatDuration,
  formatFloat64,
  formatQuantity,
  multiplyQuantity,
  parseDurationBig,
  parseQuantity,
  type Quantity,
  quantityToFloat,
  SECOND,
  subtractQuantities,
} from '../../values/index.js';
import { FunctionError } from '../lib/errors.js';
import { arg, type KyvernoFunction, num, T } from './define.js';

type Operand =
  | { kind: 'scalar'; value: number }
  | { kind: 'quantity'; value: Quantity }
  | { kind: 'duration'; value: bigint };

function operand(value: JsonValue | undefined): Operand | undefined {
  if (typeof value === 'number') return { kind: 'scalar', value };
  if (typeof value !== 'string') return undefined;
  const q = parseQuantity(value);
  if (q) return { kind: 'quantity', value: q };
  const d = parseDurationBig(value);
  return d === undefined ? undefined : { kind: 'duration', value: d };
}

function operands(fn: string, args: readonly JsonValue[]): [Operand, Operand] {
  const a = operand(args[0]);
  const b = operand(args[1]);
  if (!a || !b) throw new FunctionError(fn, 'invalid operands');
  return [a, b];
}

const mismatch = (fn: string): FunctionError => new FunctionError(fn, 'types mismatch');
const zeroDivisor = (fn: string): FunctionError => new FunctionError(fn, 'Zero divisor passed');
const nonInteger = (fn: string): FunctionError => new FunctionError(fn, 'Non-integer argument(s) passed for modulo');

/** The scalar as a decimal, the way Kyverno re-parses `fmt.Sprintf("%v", f)` as a quantity. */
function scalarDecimal(fn: string, n: number) {
  const q = parseQuantity(formatFloat64(n));
  if (!q) throw new FunctionError(fn, `cannot use ${n} as a quantity factor`);
  return q.value;
}

function add(fn: string, a: Operand, b: Operand): JsonValue {
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.value + b.value;
  if (a.kind === 'quantity' && b.kind === 'quantity') return formatQuantity(addQuantities(a.value, b.value));
  if (a.kind === 'duration' && b.kind === 'duration') return formatDuration(a.value + b.value);
  throw mismatch(fn);
}

function subtract(a: Operand, b: Operand): JsonValue {
  if (a.kind === 'scalar' && b.kind === 'scalar') return a.value - b.value;
  if (a.kind === 'quantity' && b.kind === 'quantity') return formatQuantity(subtractQuantities(a.value, b.value));
  if (a.kind === 'duration' && b.kind === 'duration') return formatDuration(a.value - b.value);
  throw mismatch('subtract');
}

function multiply(a: Operand, b: Operand): JsonValue {
  if (a.kind === 'scalar' && b.kind !== 'scalar') return multiply(b, a);
  if (b.kind !== 'scalar') throw mismatch('multiply');
  if (a.kind === 'scalar') return a.value * b.value;
  if (a.kind === 'quantity') return formatQuantity(multiplyQuantity(a.value, scalarDecimal('multiply', b.value)));
  return formatDuration(durationFromFloat(durationSeconds(a.value) * b.value * Number(SECOND)));
}

function divide(a: Operand, b: Operand): JsonValue {
  if (a.kind === 'quantity' && b.kind === 'quantity') {
    const divisor = quantityToFloat(b.value);
    if (divisor === 0) throw zeroDivisor('divide');
    return quantityToFloat(a.value) / divisor;
  }
  if (a.kind === 'duration' && b.kind === 'duration') {
    if (b.value === 0n) throw zeroDivisor('divide');
    return durationSeconds(a.value) / durationSeconds(b.value);
  }
  if (b.kind !== 'scalar') throw mismatch('divide');
  if (b.value === 0) throw zeroDivisor('divide');
  if (a.kind === 'scalar') return a.value / b.value;
  if (a.kind === 'quantity') {
    return formatQuantity(divideQuantity(a.value, scalarDecimal('divide', b.value)));
  }
  return formatDuration(durationFromFloat((durationSeconds(a.value) / b.value) * Number(SECOND)));
}

function integral(n: number): bigint {
  const i = Math.trunc(n);
  if (i !== n || !Number.isFinite(n)) throw nonInteger('modulo');
  return BigInt(i);
}

function modulo(a: Operand, b: Operand): JsonValue {
  if (a.kind === 'scalar' && b.kind === 'scalar') {
    const x = integral(a.value);
    const y = integral(b.value);
    if (y === 0n) throw zeroDivisor('modulo');
    return Number(x % y);
  }
  if (a.kind === 'quantity' && b.kind === 'quantity') {
    const x = integral(quantityToFloat(a.value));
    const y = integral(quantityToFloat(b.value));
    if (y === 0n) throw zeroDivisor('modulo');
    return formatQuantity({ value: { unscaled: x % y, scale: 0 }, format: a.value.format });
  }
  if (a.kind === 'duration' && b.kind === 'duration') {
    if (b.value === 0n) throw zeroDivisor('modulo');
    return formatDuration(a.value % b.value);
  }
  throw mismatch('modulo');
}

const pair = [arg(T.any), arg(T.any)];

export const arithmeticFunctions: KyvernoFunction[] = [
  { name: 'add', signature: pair, handler: (a) => add('add', ...operands('add', a)) },
  {
    name: 'sum',
    signature: [arg(T.array)],
    handler: (a) => {
      const [items] = a;
      if (!Array.isArray(items)) throw new FunctionError('sum', 'types mismatch');
      if (items.length === 0) throw new FunctionError('sum', 'at least one element in the array is required');
      return items.slice(1).reduce<JsonValue>((acc, item) => add('sum', ...operands('sum', [acc, item])), items[0]);
    },
  },
  { name: 'subtract', signature: pair, handler: (a) => subtract(...operands('subtract', a)) },
  { name: 'multiply', signature: pair, handler: (a) => multiply(...operands('multiply', a)) },
  { name: 'divide', signature: pair, handler: (a) => divide(...operands('divide', a)) },
  { name: 'modulo', signature: pair, handler: (a) => modulo(...operands('modulo', a)) },
  {
    name: 'round',
    signature: [arg(T.number), arg(T.number)],
    handler: (a) => {
      const value = num('round', a, 0);
      const digits = num('round', a, 1);
      if (Math.trunc(digits) !== digits) throw new FunctionError('round', 'Non-integer argument(s) passed for round off');
      if (digits < 0) throw new FunctionError('round', 'Argument is out of bounds (must be >= 0)');
      const shift = Math.pow(10, digits);
      const scaled = value * shift;
      // math.Round: halves away from zero.
      return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / shift;
    },
  },
];
