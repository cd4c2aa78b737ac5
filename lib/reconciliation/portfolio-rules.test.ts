import { describe, expect, it } from 'vitest';
import { PortfolioRuleChecker, ruleThresholdsFormSchema } from './portfolio-rules';
import { ROW_STATUSES, TRANSACTION_TYPES } from './row-format';
import { RECORD_RATIO_BP, RECORD_SHARE_A_FEN, RECORD_SHARE_B_FEN, RECORD_STATUS, RECORD_TOTAL_FEN, RECORD_TYPE, SIDE_RECORD_LENGTH } from './side-record';

/** A side record with only what the rules read: key byte, amounts, type and status. */
function record({ key, total, shareA, type = 'disbursement', status = 'settled' }: { key: number; total: number; shareA: number; type?: string; status?: string }): Uint8Array {
  const bytes = new Uint8Array(SIDE_RECORD_LENGTH);
  const view = new DataView(bytes.buffer);
  bytes[0] = key;
  view.setBigUint64(RECORD_TOTAL_FEN, BigInt(total));
  view.setBigUint64(RECORD_SHARE_A_FEN, BigInt(shareA));
  view.setBigUint64(RECORD_SHARE_B_FEN, BigInt(total - shareA));
  view.setUint16(RECORD_RATIO_BP, 0);
  bytes[RECORD_TYPE] = TRANSACTION_TYPES.indexOf(type as never);
  bytes[RECORD_STATUS] = ROW_STATUSES.indexOf(status as never);
  return bytes;
}

function check(thresholds: ConstructorParameters<typeof PortfolioRuleChecker>[0], records: Uint8Array[], maxListed?: number) {
  const checker = new PortfolioRuleChecker(thresholds, maxListed);
  records.forEach((bytes, index) => checker.add(bytes, 0, index));
  return checker.result();
}

const OFF = { minShareABp: null, minShareBBp: null, maxLoanTotalFen: null, maxDayDisbursedFen: null };

describe('portfolio rules', () => {
  it('a share exactly at the floor holds; one fen below breaks it, on either bank', () => {
    const result = check({ ...OFF, minShareABp: 3000, minShareBBp: 3000 }, [
      record({ key: 1, total: 10_000, shareA: 3000 }),
      record({ key: 2, total: 10_000, shareA: 2999 }),
      record({ key: 3, total: 10_000, shareA: 7001 }),
    ]);
    expect(result.violations).toEqual({ 'min-share-a': 1, 'min-share-b': 1 });
    expect(result.records.map((r) => [r.rule, r.leafIndex, r.key[0]])).toEqual([
      ['min-share-a', 1, 2],
      ['min-share-b', 2, 3],
    ]);
  });

  it('counts only disbursements that did not fail, and sums them exactly past 2^53', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const result = check({ ...OFF, minShareABp: 5000, maxDayDisbursedFen: big }, [
      record({ key: 1, total: 100, shareA: 0, status: 'failed' }),
      record({ key: 2, total: 100, shareA: 0, type: 'fee' }),
      record({ key: 3, total: big, shareA: Math.floor(big / 2) + 1 }),
      record({ key: 4, total: big, shareA: Math.floor(big / 2) }),
    ]);
    expect(result).toMatchObject({ rowsChecked: 4, disbursementsChecked: 2, disbursedFen: 2n * BigInt(big) });
    // Exact with totals beyond 2^53 / 10000: ⌊big/2⌋ is just under half.
    expect(result.violations).toEqual({ 'min-share-a': 1, 'max-day-disbursed': 1 });
    expect(result.records.map((r) => r.key[0])).toEqual([4]);
  });

  it('counts every violation but lists only the first ones', () => {
    const result = check({ ...OFF, maxLoanTotalFen: 10 }, [1, 2, 3, 4].map((key) => record({ key, total: 11, shareA: 5 })), 2);
    expect(result.violations).toEqual({ 'max-loan-total': 4 });
    expect(result.records.map((r) => r.leafIndex)).toEqual([0, 1]);
  });

  it('reads the form: empty is off, a floor above 10000 bp or a non-integer is refused', () => {
    expect(ruleThresholdsFormSchema.parse({ minShareABp: '3000', minShareBBp: '', maxLoanTotalFen: ' 500 ', maxDayDisbursedFen: '' })).toEqual({
      minShareABp: 3000,
      minShareBBp: null,
      maxLoanTotalFen: 500,
      maxDayDisbursedFen: null,
    });
    for (const bad of ['10001', '-1', '1.5', '01', 'abc']) {
      expect(ruleThresholdsFormSchema.safeParse({ minShareABp: bad, minShareBBp: '', maxLoanTotalFen: '', maxDayDisbursedFen: '' }).success).toBe(false);
    }
  });
});
