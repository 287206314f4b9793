/** Tokenizes Go reference-time layouts ("Mon Jan _2 15:04:05 MST 2006") the way time.nextStdChunk does. */

export type LayoutKind =
  | 'longMonth' | 'month' | 'numMonth' | 'zeroMonth'
  | 'longWeekDay' | 'weekDay'
  | 'day' | 'underDay' | 'zeroDay' | 'underYearDay' | 'zeroYearDay'
  | 'hour' | 'hour12' | 'zeroHour12'
  | 'minute' | 'zeroMinute'
  | 'second' | 'zeroSecond'
  | 'longYear' | 'year'
  | 'PM' | 'pm'
  | 'zoneName'
  | 'tzISO' | 'tzISOSeconds' | 'tzISOHour' | 'tzISOColon' | 'tzISOColonSeconds'
  | 'tz' | 'tzSeconds' | 'tzHour' | 'tzColon' | 'tzColonSeconds'
  | 'fraction';

export interface LayoutChunk {
  kind: LayoutKind;
  /** For 'fraction': fixed digit count (".000"), or 0 for optional digits (".999"). */
  digits: number;
}

export interface LayoutSplit {
  prefix: string;
  chunk: LayoutChunk | undefined;
  suffix: string;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

const TZ_FORMS: ReadonlyArray<[string, LayoutKind]> = [
  ['070000', 'tzSeconds'],
  ['07:00:00', 'tzColonSeconds'],
  ['0700', 'tz'],
  ['07:00', 'tzColon'],
  ['07', 'tzHour'],
];
const ISO_KIND: Readonly<Record<string, LayoutKind>> = {
  tzSeconds: 'tzISOSeconds',
  tzColonSeconds: 'tzISOColonSeconds',
  tz: 'tzISO',
  tzColon: 'tzISOColon',
  tzHour: 'tzISOHour',
};

function chunkAt(layout: string, i: number): { kind: LayoutKind; length: number; digits?: number } | undefined {
  const rest = layout.slice(i);
  switch (layout[i]) {
    case 'J':
      if (rest.startsWith('January')) return { kind: 'longMonth', length: 7 };
      if (rest.startsWith('Jan')) return { kind: 'month', length: 3 };
      return undefined;
    case 'M':
      if (rest.startsWith('Monday')) return { kind: 'longWeekDay', length: 6 };
      if (rest.startsWith('Mon')) return { kind: 'weekDay', length: 3 };
      if (rest.startsWith('MST')) return { kind: 'zoneName', length: 3 };
      return undefined;
    case '0':
      if (rest.startsWith('002')) return { kind: 'zeroYearDay', length: 3 };
      if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') {
        const kinds: LayoutKind[] = ['zeroMonth', 'zeroDay', 'zeroHour12', 'zeroMinute', 'zeroSecond', 'year'];
        return { kind: kinds[Number(rest[1]) - 1], length: 2 };
      }
      return undefined;
    case '1':
      if (rest.startsWith('15')) return { kind: 'hour', length: 2 };
      return { kind: 'numMonth', length: 1 };
    case '2':
      if (rest.startsWith('2006')) return { kind: 'longYear', length: 4 };
      return { kind: 'day', length: 1 };
    case '_':
      if (rest.startsWith('_2')) {
        // "_2006" is a literal underscore followed by the year.
        if (rest.startsWith('_2006')) return undefined;
        return { kind: 'underDay', length: 2 };
      }
      if (rest.startsWith('__2')) return { kind: 'underYearDay', length: 3 };
      return undefined;
    case '3':
      return { kind: 'hour12', length: 1 };
    case '4':
      return { kind: 'minute', length: 1 };
    case '5':
      return { kind: 'second', length: 1 };
    case 'P':
      return rest.startsWith('PM') ? { kind: 'PM', length: 2 } : undefined;
    case 'p':
      return rest.startsWith('pm') ? { kind: 'pm', length: 2 } : undefined;
    case '-':
      for (const [form, kind] of TZ_FORMS) if (rest.startsWith(`-${form}`)) return { kind, length: form.length + 1 };
      return undefined;
    case 'Z':
      for (const [form, kind] of TZ_FORMS) if (rest.startsWith(`Z${form}`)) return { kind: ISO_KIND[kind], length: form.length + 1 };
      return undefined;
    case '.':
    case ',': {
      const ch = layout[i + 1];
      if (ch !== '0' && ch !== '9') return undefined;
      let j = i + 1;
      while (j < layout.length && layout[j] === ch) j++;
      if (isDigit(layout, j)) return undefined;
      return { kind: 'fraction', length: j - i, digits: ch === '0' ? j - i - 1 : 0 };
    }
    default:
      return undefined;
  }
}

export function nextLayoutChunk(layout: string): LayoutSplit {
  for (let i = 0; i < layout.length; i++) {
    const found = chunkAt(layout, i);
    if (found) {
      return {
        prefix: layout.slice(0, i),
        chunk: { kind: found.kind, digits: found.digits ?? 0 },
        suffix: layout.slice(i + found.length),
      };
    }
  }
  return { prefix: layout, chunk: undefined, suffix: '' };
}
