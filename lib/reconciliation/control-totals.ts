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

/** Adds every cell of `from` into `into` (the totals of a block of a side into the side's). */
export function addControlTotals(into: ControlTotals, from: ControlTotals): void {
  for (const [cell, t] of Object.entries(from)) {
    const sum = into[cell];
    sum.count += t.count;
    sum.totalFen += t.totalFen;
    sum.shareAFen += t.shareAFen;
    sum.shareBFen += t.shareBFen;
  }
}

const CELL_NAMES = TRANSACTION_TYPES.flatMap((type) => ROW_STATUSES.map((status) => `${type}/${status}`));

/**
 * Control totals of many rows without three bigint additions per row (what the ingest's workers
 * use): each sum is a double while it stays a safe integer, where addition is exact, and is carried
 * into a bigint before it would not.
 */
export class ControlTotalsAccumulator {
  private readonly counts = new Float64Array(CELL_NAMES.length);
  private readonly sums = new Float64Array(CELL_NAMES.length * 3);
  private readonly carried: bigint[] = new Array<bigint>(CELL_NAMES.length * 3).fill(0n);

  /** Codes are indices in TRANSACTION_TYPES and ROW_STATUSES; amounts are safe integers. */
  add(typeCode: number, statusCode: number, totalFen: number, shareAFen: number, shareBFen: number): void {
    const cell = typeCode * ROW_STATUSES.length + statusCode;
    this.counts[cell]++;
    this.addSum(cell * 3, totalFen);
    this.addSum(cell * 3 + 1, shareAFen);
    this.addSum(cell * 3 + 2, shareBFen);
  }

  private addSum(at: number, value: number): void {
    const sum = this.sums[at] + value;
    if (sum <= Number.MAX_SAFE_INTEGER) this.sums[at] = sum;
    else {
      this.carried[at] += BigInt(this.sums[at]);
      this.sums[at] = value;
    }
  }

  toControlTotals(): ControlTotals {
    const totals: ControlTotals = {};
    CELL_NAMES.forEach((name, cell) => {
      const sum = (k: number) => this.carried[cell * 3 + k] + BigInt(this.sums[cell * 3 + k]);
      totals[name] = { count: this.counts[cell], totalFen: sum(0), shareAFen: sum(1), shareBFen: sum(2) };
    });
    return totals;
  }
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
