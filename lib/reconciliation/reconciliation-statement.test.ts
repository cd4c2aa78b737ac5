import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { recoverReconciliationSigner } from './reconciliation-signature';
import { breakListSha256, signStatement, statementSha256, STATEMENT_FORMAT, verifyStatement, type StatementBreak, type UnsignedStatement } from './reconciliation-statement';
import { SIDE_RECEIPT_FORMAT } from './side-receipt';

const wallet = new Wallet('0x' + '51'.repeat(32));
const hash = (byte: string) => '0x' + byte.repeat(32);
const breaks: StatementBreak[] = [
  { class: 'only-a', key: hash('01'), fields: [], rule: null, indexA: 0, indexB: null },
  { class: 'within-tolerance', key: hash('02'), fields: ['shareAFen', 'shareBFen'], rule: 'split-rounding', indexA: 1, indexB: 0 },
];
const unsigned: UnsignedStatement = {
  format: STATEMENT_FORMAT,
  version: 1,
  pairId: '6f1c2b7e-4d3a-4c1b-9e8f-0a1b2c3d4e5f',
  businessDate: '2026-12-01',
  sides: { a: { root: hash('aa'), rowCount: 2, receiptSha256: hash('ab') }, b: { root: hash('bb'), rowCount: 1, receiptSha256: hash('bc') } },
  counts: { matched: 0, matchedWithinTolerance: 1, onlyA: 1, onlyB: 0, fieldMismatch: 0 },
  controlTotalDifferences: [],
  rules: [{ name: 'split-rounding', maxFen: 1, fired: 1 }],
  breaks: { count: breaks.length, sha256: breakListSha256(breaks) },
  draftedAt: '2026-12-02T01:00:00.000Z',
  issuer: { name: 'Evident', address: wallet.address.toLowerCase() },
};

describe('the day statement', () => {
  it('verifies with its break list, and a changed count, break list or signature kind fails', async () => {
    const statement = await signStatement(unsigned, wallet);
    expect(verifyStatement(JSON.stringify(statement), { trustedIssuers: [wallet.address], breaks })).toMatchObject({ ok: true, sha256: statementSha256(statement) });
    expect(verifyStatement({ ...statement, draftedAt: '2026-12-02T01:00:01.000Z' })).toMatchObject({ ok: false, code: 'statement.signature-invalid' });
    // Counts that do not add up (to the break list's length, to the sides' rows) are not a statement.
    expect(verifyStatement({ ...statement, counts: { ...statement.counts, onlyA: 2 } })).toMatchObject({ ok: false, code: 'statement.malformed' });
    expect(verifyStatement({ ...statement, counts: { ...statement.counts, matched: 1 } })).toMatchObject({ ok: false, code: 'statement.malformed' });
    await expect(signStatement({ ...unsigned, counts: { ...unsigned.counts, matched: 1 } }, wallet)).rejects.toThrow(/do not add up/);
    expect(verifyStatement(statement, { breaks: [breaks[1], breaks[0]] })).toMatchObject({ ok: false, code: 'statement.breaks-altered' });
    // The format is signed with the digest: the statement's signature does not pass for a receipt's.
    const { signature, ...body } = statement;
    expect(recoverReconciliationSigner(STATEMENT_FORMAT, body, signature)).toBe(wallet.address.toLowerCase());
    expect(recoverReconciliationSigner(SIDE_RECEIPT_FORMAT, body, signature)).not.toBe(wallet.address.toLowerCase());
  });

  it('version 2 carries timing breaks with the previous day’s statement; neither version takes the other’s members', async () => {
    const timingBreaks: StatementBreak[] = [{ class: 'timing', key: hash('03'), fields: ['accountingDate', 'valueDate'], rule: null, indexA: null, indexB: 0 }];
    const v2: UnsignedStatement = {
      ...unsigned,
      version: 2,
      businessDate: '2026-12-02',
      sides: { a: { ...unsigned.sides.a, rowCount: 0 }, b: unsigned.sides.b },
      counts: { matched: 0, matchedWithinTolerance: 0, onlyA: 0, onlyB: 0, fieldMismatch: 0, timing: 1 },
      carryOver: { businessDate: '2026-12-01', statementSha256: hash('cd') },
      breaks: { count: 1, sha256: breakListSha256(timingBreaks) },
    };
    const statement = await signStatement(v2, wallet);
    expect(verifyStatement(JSON.stringify(statement), { trustedIssuers: [wallet.address], breaks: timingBreaks })).toMatchObject({ ok: true });
    const { carryOver: _carryOver, ...withoutCarryOver } = statement as typeof statement & { carryOver: unknown };
    expect(verifyStatement(withoutCarryOver)).toMatchObject({ ok: false, code: 'statement.malformed' });
    expect(verifyStatement({ ...statement, version: 1 })).toMatchObject({ ok: false, code: 'statement.malformed' });
    expect(verifyStatement({ ...(await signStatement(unsigned, wallet)), counts: { ...unsigned.counts, timing: 0 } })).toMatchObject({ ok: false, code: 'statement.malformed' });
  });
});
