// The regulator's portfolio rules over one committed side (docs/reconciliation-format.md §13.1): per
// disbursement, each bank's share at least a floor in basis points of its total and the total at most
// a cap; per side and day, the disbursed total at most a cap. A disbursement counts unless its status
// is `failed`. "Shares sum to the total" is validation (§2.2), not a rule here. Pure over side records
// (side-record.ts), so the batcher's scan and the tests use the same code.
import { z } from 'zod';
import { RECORD_SHARE_A_FEN, RECORD_SHARE_B_FEN, RECORD_STATUS, RECORD_TOTAL_FEN, RECORD_TYPE } from './side-record';
import { ROW_STATUSES, TRANSACTION_TYPES } from './row-format';

export const PORTFOLIO_RULES = ['min-share-a', 'min-share-b', 'max-loan-total', 'max-day-disbursed'] as const;
export type PortfolioRule = (typeof PORTFOLIO_RULES)[number];
/** The rules a single record can break (the day's cap is broken by the side as a whole). */
export const RECORD_RULES = ['min-share-a', 'min-share-b', 'max-loan-total'] as const;
export type RecordRule = (typeof RECORD_RULES)[number];

export interface RuleThresholds {
  minShareABp: number | null;
  minShareBBp: number | null;
  maxLoanTotalFen: number | null;
  maxDayDisbursedFen: number | null;
}

export const NO_THRESHOLDS: RuleThresholds = { minShareABp: null, minShareBBp: null, maxLoanTotalFen: null, maxDayDisbursedFen: null };

/** A threshold as a form sends it: empty means the rule is off. */
const optional = (max: number, what: string) =>
  z
    .string()
    .trim()
    .transform((text, context) => {
      if (text === '') return null;
      if (!/^(0|[1-9][0-9]{0,15})$/.test(text) || Number(text) > max) {
        context.addIssue({ code: 'custom', message: `must be ${what}, an integer 0 … ${max}, or empty for no limit` });
        return z.NEVER;
      }
      return Number(text);
    });

/** The regulator's form: basis points 0 … 10000 for the floors, fen up to 2^53 − 1 for the caps. */
export const ruleThresholdsFormSchema = z.strictObject({
  minShareABp: optional(10000, 'basis points'),
  minShareBBp: optional(10000, 'basis points'),
  maxLoanTotalFen: optional(Number.MAX_SAFE_INTEGER, 'fen'),
  maxDayDisbursedFen: optional(Number.MAX_SAFE_INTEGER, 'fen'),
});

/** Which rules the thresholds turn on. */
export function activeRules(thresholds: RuleThresholds): PortfolioRule[] {
  const on: Record<PortfolioRule, boolean> = {
    'min-share-a': thresholds.minShareABp !== null,
    'min-share-b': thresholds.minShareBBp !== null,
    'max-loan-total': thresholds.maxLoanTotalFen !== null,
    'max-day-disbursed': thresholds.maxDayDisbursedFen !== null,
  };
  return PORTFOLIO_RULES.filter((rule) => on[rule]);
}

export interface PortfolioCheckResult {
  rowsChecked: number;
  disbursementsChecked: number;
  disbursedFen: bigint;
  /** Every violation counted, per rule (0 for a rule that is on and held; absent for a rule that is off). */
  violations: Partial<Record<PortfolioRule, number>>;
  /** The first `maxListed` violating records of each per-record rule, by leaf index. */
  records: Array<{ rule: RecordRule; leafIndex: number; key: Uint8Array }>;
}

const DISBURSEMENT = TRANSACTION_TYPES.indexOf('disbursement');
const FAILED = ROW_STATUSES.indexOf('failed');
/** Below this, total × 10000 is exact in a double. */
const EXACT_TOTAL = Math.floor(Number.MAX_SAFE_INTEGER / 10000);
const FLUSH_SUM_AT = 2 ** 52;

/** share / total < floor / 10000, exactly. */
function belowFloor(shareFen: number, totalFen: number, floorBp: number): boolean {
  if (totalFen <= EXACT_TOTAL) return shareFen * 10000 < floorBp * totalFen;
  return BigInt(shareFen) * 10000n < BigInt(floorBp) * BigInt(totalFen);
}

/** Feed it a side's records in leaf order (add), then read result(). */
export class PortfolioRuleChecker {
  private rows = 0;
  private disbursements = 0;
  private sumLow = 0;
  private sumHigh = 0n;
  private readonly counts: Record<RecordRule, number> = { 'min-share-a': 0, 'min-share-b': 0, 'max-loan-total': 0 };
  private readonly records: PortfolioCheckResult['records'] = [];
  private readonly listed: Record<RecordRule, number> = { 'min-share-a': 0, 'min-share-b': 0, 'max-loan-total': 0 };
  /** One view per block buffer, not one per record. */
  private viewBuffer: Uint8Array | null = null;
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly thresholds: RuleThresholds,
    private readonly maxListed = 1000,
  ) {}

  /** One side record (SIDE_RECORD_LENGTH bytes at `offset`), the leaf `leafIndex`. */
  add(buffer: Uint8Array, offset: number, leafIndex: number): void {
    this.rows++;
    if (buffer[offset + RECORD_TYPE] !== DISBURSEMENT || buffer[offset + RECORD_STATUS] === FAILED) return;
    if (this.viewBuffer !== buffer) {
      this.viewBuffer = buffer;
      this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    const totalFen = Number(this.view.getBigUint64(offset + RECORD_TOTAL_FEN));
    const shareAFen = Number(this.view.getBigUint64(offset + RECORD_SHARE_A_FEN));
    const shareBFen = Number(this.view.getBigUint64(offset + RECORD_SHARE_B_FEN));
    this.disbursements++;
    this.sumLow += totalFen;
    if (this.sumLow >= FLUSH_SUM_AT) {
      this.sumHigh += BigInt(this.sumLow);
      this.sumLow = 0;
    }
    const { minShareABp, minShareBBp, maxLoanTotalFen } = this.thresholds;
    if (minShareABp !== null && belowFloor(shareAFen, totalFen, minShareABp)) this.violate('min-share-a', buffer, offset, leafIndex);
    if (minShareBBp !== null && belowFloor(shareBFen, totalFen, minShareBBp)) this.violate('min-share-b', buffer, offset, leafIndex);
    if (maxLoanTotalFen !== null && totalFen > maxLoanTotalFen) this.violate('max-loan-total', buffer, offset, leafIndex);
  }

  private violate(rule: RecordRule, buffer: Uint8Array, offset: number, leafIndex: number): void {
    this.counts[rule]++;
    if (this.listed[rule] >= this.maxListed) return;
    this.listed[rule]++;
    this.records.push({ rule, leafIndex, key: buffer.slice(offset, offset + 32) });
  }

  result(): PortfolioCheckResult {
    const disbursedFen = this.sumHigh + BigInt(this.sumLow);
    const violations: PortfolioCheckResult['violations'] = {};
    for (const rule of activeRules(this.thresholds)) {
      if (rule === 'max-day-disbursed') violations[rule] = disbursedFen > BigInt(this.thresholds.maxDayDisbursedFen!) ? 1 : 0;
      else violations[rule] = this.counts[rule];
    }
    return { rowsChecked: this.rows, disbursementsChecked: this.disbursements, disbursedFen, violations, records: this.records };
  }
}
