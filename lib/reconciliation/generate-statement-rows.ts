// Deterministic synthetic statements for tests, vectors, the bench and (later) the demo seed: rows
// that pass data contract v1, from a seeded generator, so a 1M-row day is the same on every machine.
import { ROW_STATUSES, TRANSACTION_TYPES, type ReconciliationRow } from './row-format';

/** mulberry32: small, fast, and the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `firstIndex` lets a large day be generated block by block with distinct transaction ids. */
export function generateStatementRows({
  count,
  seed,
  date = '2026-12-01',
  firstIndex = 0,
}: {
  count: number;
  seed: number;
  date?: string;
  firstIndex?: number;
}): ReconciliationRow[] {
  const random = seededRandom(seed);
  const rows: ReconciliationRow[] = [];
  for (let i = firstIndex; i < firstIndex + count; i++) {
    const totalFen = 1 + Math.floor(random() * 50_000_000);
    const ratioBp = [1000, 2000, 3000, 7000][Math.floor(random() * 4)];
    const shareAFen = Math.floor((totalFen * ratioBp) / 10000) + (random() < 0.5 ? 0 : (totalFen * ratioBp) % 10000 === 0 ? 0 : 1);
    rows.push({
      loanNumber: `JJ${String(seed % 1000).padStart(3, '0')}${String(Math.floor(i / 3)).padStart(10, '0')}`,
      transactionId: `T${String(i).padStart(12, '0')}`,
      type: TRANSACTION_TYPES[Math.floor(random() * TRANSACTION_TYPES.length)],
      accountingDate: date,
      valueDate: date,
      totalFen,
      shareAFen,
      shareBFen: totalFen - shareAFen,
      ratioBp,
      status: random() < 0.95 ? ROW_STATUSES[0] : ROW_STATUSES[1 + Math.floor(random() * 2)],
      currency: 'CNY',
    });
  }
  return rows;
}

const CSV_HEADER = 'loanNumber,transactionId,type,accountingDate,valueDate,totalFen,shareAFen,shareBFen,ratioBp,status,currency';

/** The rows as a CSV statement with the default column names (header line first). */
export function rowsToCsv(rows: readonly ReconciliationRow[]): string {
  const lines = [CSV_HEADER];
  for (const r of rows) {
    lines.push(
      `${r.loanNumber},${r.transactionId},${r.type},${r.accountingDate},${r.valueDate},${r.totalFen},${r.shareAFen},${r.shareBFen},${r.ratioBp},${r.status},${r.currency}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A fixed-width layout for rowsToFixedWidth: text left-aligned, amounts right-aligned, 144 bytes. */
export const SAMPLE_FIXED_WIDTH_FIELDS = {
  loanNumber: { offset: 0, length: 20 },
  transactionId: { offset: 20, length: 20 },
  type: { offset: 40, length: 20 },
  accountingDate: { offset: 60, length: 10 },
  valueDate: { offset: 70, length: 10 },
  totalFen: { offset: 80, length: 16 },
  shareAFen: { offset: 96, length: 16 },
  shareBFen: { offset: 112, length: 16 },
  ratioBp: { offset: 128, length: 5 },
  status: { offset: 133, length: 8 },
  currency: { offset: 141, length: 3 },
} as const;

/** The layout of docs/reconciliation-format.md §2.3's worked GBK example (its vectors and tests). */
export const SPEC_FIXED_WIDTH_FIELDS = {
  loanNumber: { offset: 0, length: 16 },
  transactionId: { offset: 16, length: 14 },
  type: { offset: 30, length: 4 },
  accountingDate: { offset: 34, length: 10 },
  valueDate: { offset: 44, length: 10 },
  totalFen: { offset: 54, length: 12 },
  shareAFen: { offset: 66, length: 12 },
  shareBFen: { offset: 78, length: 12 },
  ratioBp: { offset: 90, length: 5 },
  status: { offset: 95, length: 4 },
  currency: { offset: 99, length: 3 },
} as const;

/** The rows as an ASCII fixed-width statement in SAMPLE_FIXED_WIDTH_FIELDS, without a header line. */
export function rowsToFixedWidth(rows: readonly ReconciliationRow[]): string {
  const f = SAMPLE_FIXED_WIDTH_FIELDS;
  const left = (value: string, width: number) => value.padEnd(width, ' ');
  const right = (value: number, width: number) => String(value).padStart(width, ' ');
  return rows
    .map(
      (r) =>
        left(r.loanNumber, f.loanNumber.length) +
        left(r.transactionId, f.transactionId.length) +
        left(r.type, f.type.length) +
        r.accountingDate +
        r.valueDate +
        right(r.totalFen, f.totalFen.length) +
        right(r.shareAFen, f.shareAFen.length) +
        right(r.shareBFen, f.shareBFen.length) +
        right(r.ratioBp, f.ratioBp.length) +
        left(r.status, f.status.length) +
        r.currency +
        '\n',
    )
    .join('');
}
