// Makes the second bank's view of a day from the first's with known breaks of every class, both
// ways round, for the mutated-corpus test and the bench: rows only on A, rows only on B, a changed
// total, ratio, status, accounting date, value date or currency on either side, and split-rounding
// differences a tolerance rule should absorb (and name). Returns the expected outcome per row.
// injectTimingBreaks then moves some rows of a day to one bank's next day (booked a day late), the
// timing breaks of §5.4 that drafting the next day closes.
import { bytesEqual } from '../proof/bytes-equal';
import { seededRandom } from './generate-statement-rows';
import { COMMITTED_FIELDS, canonicalFieldValue, type CommittedField, type ReconciliationRow } from './row-format';

export const INJECTED_CLASSES = [
  'only-a',
  'only-b',
  'totalFen',
  'ratioBp',
  'status',
  'accountingDate',
  'valueDate',
  'currency',
  'split-rounding',
] as const;
export type InjectedClass = (typeof INJECTED_CLASSES)[number];

export interface InjectedBreak {
  injected: InjectedClass;
  /** The row's identity (the key is computed from it under the pair key). */
  row: Pick<ReconciliationRow, 'loanNumber' | 'transactionId' | 'type'>;
  /** Fields whose canonical values differ (empty for only-a / only-b). */
  fields: CommittedField[];
  /** Which side was changed, for mismatches. */
  changed?: 'a' | 'b';
}

export function injectBreaks({ rows, rate, seed }: { rows: ReconciliationRow[]; rate: number; seed: number }): {
  a: ReconciliationRow[];
  b: ReconciliationRow[];
  injected: InjectedBreak[];
} {
  const random = seededRandom(seed);
  const a: ReconciliationRow[] = [];
  const b: ReconciliationRow[] = [];
  const injected: InjectedBreak[] = [];
  let next = 0;
  for (const row of rows) {
    if (random() >= rate) {
      a.push(row);
      b.push(row);
      continue;
    }
    const kind = INJECTED_CLASSES[next++ % INJECTED_CLASSES.length];
    if (kind === 'only-a') {
      a.push(row);
      injected.push({ injected: kind, row, fields: [] });
      continue;
    }
    if (kind === 'only-b') {
      b.push(row);
      injected.push({ injected: kind, row, fields: [] });
      continue;
    }
    const changed = mutate(row, kind);
    if (!changed) {
      a.push(row);
      b.push(row);
      continue;
    }
    const side = random() < 0.5 ? 'a' : 'b';
    a.push(side === 'a' ? changed : row);
    b.push(side === 'b' ? changed : row);
    const fields = COMMITTED_FIELDS.filter((field) => !bytesEqual(canonicalFieldValue(row, field), canonicalFieldValue(changed, field)));
    injected.push({ injected: kind, row, fields, changed: side });
  }
  return { a, b, injected };
}

/** A still-valid row with the one change; null when this row cannot carry it (split rounding needs a fraction). */
function mutate(row: ReconciliationRow, kind: InjectedClass): ReconciliationRow | null {
  const split = (totalFen: number, ratioBp: number) => {
    const shareAFen = Math.floor((totalFen * ratioBp) / 10000);
    return { totalFen, ratioBp, shareAFen, shareBFen: totalFen - shareAFen };
  };
  switch (kind) {
    case 'totalFen':
      return { ...row, ...split(row.totalFen + 100, row.ratioBp) };
    case 'ratioBp':
      return { ...row, ...split(row.totalFen, row.ratioBp === 10000 ? 9000 : row.ratioBp + 500) };
    case 'status':
      return { ...row, status: row.status === 'settled' ? 'failed' : 'settled' };
    case 'accountingDate':
      return { ...row, accountingDate: '2026-11-30' };
    case 'valueDate':
      return { ...row, valueDate: '2026-11-29' };
    case 'currency':
      return { ...row, currency: row.currency === 'CNY' ? 'USD' : 'CNY' };
    case 'split-rounding': {
      if ((row.totalFen * row.ratioBp) % 10000 === 0) return null;
      const floor = Math.floor((row.totalFen * row.ratioBp) / 10000);
      const shareAFen = row.shareAFen === floor ? floor + 1 : floor;
      return { ...row, shareAFen, shareBFen: row.totalFen - shareAFen };
    }
    default:
      return null;
  }
}

export interface InjectedTimingBreak {
  /** The row's identity (the key is computed from it under the pair key). */
  row: Pick<ReconciliationRow, 'loanNumber' | 'transactionId' | 'type'>;
  /** The bank that books it on the next day instead of the day. */
  lateBank: 'a' | 'b';
  /** The dates the late bank books it on that differ from the day's (its own dates, or none kept). */
  fields: CommittedField[];
}

type DaySides = { a: ReconciliationRow[]; b: ReconciliationRow[] };

/**
 * Takes `count` rows both banks have alike on `day` out of one bank's side (alternately A and B) and
 * puts them on that bank's side of `next`, booked on `nextDate` (two in three) or on the day's own
 * dates: each is a timing break when `next` is drafted. `next`'s rows must have other identities
 * than `day`'s (generateStatementRows with another `firstIndex`).
 */
export function injectTimingBreaks({ day, next, count, seed, nextDate }: { day: DaySides; next: DaySides; count: number; seed: number; nextDate: string }): {
  day: DaySides;
  next: DaySides;
  timing: InjectedTimingBreak[];
} {
  const random = seededRandom(seed);
  const identity = (row: ReconciliationRow) => `${row.loanNumber}|${row.transactionId}|${row.type}`;
  const onB = new Map(day.b.map((row) => [identity(row), JSON.stringify(row)]));
  const alike = day.a.filter((row) => onB.get(identity(row)) === JSON.stringify(row));
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, alike.length)) chosen.add(identity(alike[Math.floor(random() * alike.length)]));
  const timing: InjectedTimingBreak[] = [];
  const late: DaySides = { a: [], b: [] };
  let turn = 0;
  const lateBankOf = new Map<string, 'a' | 'b'>();
  for (const row of alike) {
    if (!chosen.has(identity(row))) continue;
    const lateBank = turn++ % 2 === 0 ? 'b' : 'a';
    lateBankOf.set(identity(row), lateBank);
    const booked = random() < 2 / 3 ? { ...row, accountingDate: nextDate, valueDate: nextDate } : row;
    late[lateBank].push(booked);
    const fields = COMMITTED_FIELDS.filter((field) => !bytesEqual(canonicalFieldValue(row, field), canonicalFieldValue(booked, field)));
    timing.push({ row, lateBank, fields });
  }
  const keep = (bank: 'a' | 'b') => (row: ReconciliationRow) => lateBankOf.get(identity(row)) !== bank;
  return {
    day: { a: day.a.filter(keep('a')), b: day.b.filter(keep('b')) },
    next: { a: [...next.a, ...late.a], b: [...next.b, ...late.b] },
    timing,
  };
}
