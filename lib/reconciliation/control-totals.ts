// Control totals of a side (§4.3): per type and status, the row count and the sums of total and both
// shares in fen. Sums are bigint: 15M rows of up to 2^53 fen overflow a double.
import { ROW_STATUSES, TRANSACTION_TYPES, type RowStatus, type TransactionType } from './row-format';

export interface ControlTotal {
  count: number;
  totalFen: bigint;
  shareAFen: bigint;
  shareBFen: bigint;
}

/** Keyed `${type}/${status}`; every combination is present, zero when no row has it. */
export type ControlTotals = Record<string, ControlTotal>;

export function emptyControlTotals(): ControlTotals {
  const totals: ControlTotals = {};
  for (const type of TRANSACTION_TYPES) {
    for (const status of ROW_STATUSES) totals[`${type}/${status}`] = { count: 0, totalFen: 0n, shareAFen: 0n, shareBFen: 0n };
  }
  return totals;
}

export function addToControlTotals(
  totals: ControlTotals,
  row: { type: TransactionType; status: RowStatus; totalFen: number; shareAFen: number; shareBFen: number },
): void {
  const cell = totals[`${row.type}/${row.status}`];
  cell.count++;
  cell.totalFen += BigInt(row.totalFen);
  cell.shareAFen += BigInt(row.shareAFen);
  cell.shareBFen += BigInt(row.shareBFen);
}

export interface ControlTotalDifference {
  cell: string;
  a: ControlTotal;
  b: ControlTotal;
}

/** The cells in which the two sides' totals differ (any of count or the three sums). */
export function compareControlTotals(a: ControlTotals, b: ControlTotals): ControlTotalDifference[] {
  const differences: ControlTotalDifference[] = [];
  for (const cell of Object.keys(a)) {
    const x = a[cell];
    const y = b[cell];
    if (x.count !== y.count || x.totalFen !== y.totalFen || x.shareAFen !== y.shareAFen || x.shareBFen !== y.shareBFen) {
      differences.push({ cell, a: x, b: y });
    }
  }
  return differences;
}

/** JSON form: sums as decimal strings. */
export function controlTotalsToJson(totals: ControlTotals): Record<string, { count: number; totalFen: string; shareAFen: string; shareBFen: string }> {
  return Object.fromEntries(
    Object.entries(totals).map(([cell, t]) => [
      cell,
      { count: t.count, totalFen: t.totalFen.toString(), shareAFen: t.shareAFen.toString(), shareBFen: t.shareBFen.toString() },
    ]),
  );
}

export function controlTotalsFromJson(json: ReturnType<typeof controlTotalsToJson>): ControlTotals {
  return Object.fromEntries(
    Object.entries(json).map(([cell, t]) => [
      cell,
      { count: t.count, totalFen: BigInt(t.totalFen), shareAFen: BigInt(t.shareAFen), shareBFen: BigInt(t.shareBFen) },
    ]),
  );
}
