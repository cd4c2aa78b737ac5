// Makes the second bank's view of a day from the first's with known breaks of every class, both
// ways round, for the mutated-corpus test and the bench: rows only on A, rows only on B, a changed
// total, ratio, status, accounting date, value date or currency on either side, and split-rounding
// differences a tolerance rule should absorb (and name). Returns the expected outcome per row.
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
