// The regulator's portfolio rule checks and disclosure requests on the real database and side files:
// a generated day with violations injected at given thresholds yields exactly those records (by key
// and leaf index) and no others; a threshold change is audited with old → new and applies to the
// sides checked after it, never to a day already checked; a disclosure request reaches the one bank
// it names, which discloses (the regulator then sees the record's values, checked against the
// committed side) or declines; every other role is refused, and the regulator sees no loan data
// otherwise.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { StaffViewer, Viewer } from '../auth/viewer';
import { SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { DomainError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { toHex } from '../proof/hex';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { answerDisclosureRequest } from './answer-disclosure-request';
import { checkPendingPortfolioRules } from './check-pending-portfolio-rules';
import { matchKey } from './commit-row';
import { commitStatementUpload } from './commit-statement-upload';
import { createReconciliationPair } from './create-reconciliation-pair';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { listBankDisclosureRequests } from './list-bank-disclosure-requests';
import { listReconciliationOversight, type OversightPair } from './list-reconciliation-oversight';
import { requestRecordDisclosure } from './request-record-disclosure';
import type { ReconciliationRow } from './row-format';
import { setRuleThresholds } from './set-rule-thresholds';

let services: TestServices;
let issuer: Issuer;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let regulator: StaffViewer;
let operator: StaffViewer;
let arbitrator: StaffViewer;
let borrower: Viewer;
let outsider: StaffViewer;
let pairId: string;
const pairKey = new Uint8Array(32).map((_, i) => 200 - i);
const keys = derivePairKeys(pairKey);
const DAY1 = '2026-12-01';
const DAY2 = '2026-12-02';
const CAP_FEN = 40_000_000;

/** 09:00 in Shanghai on the day after `date`: inside the upload window. */
const morningAfter = (date: string) => new Date(Date.parse(`${date}T01:00:00Z`) + 86_400_000);

function upload(viewer: Viewer, date: string, rows: ReconciliationRow[]) {
  return commitStatementUpload({
    prisma: services.prisma,
    viewer,
    pairId,
    businessDate: date,
    contentType: 'text/csv',
    body: Readable.from([Buffer.from(rowsToCsv(rows))]),
    idempotencyKey: null,
    storageDir: services.config.storageDir,
    maxBytes: 1 << 24,
    keySecret: services.secrets.reconciliationKeySecret,
    issuer,
    now: () => morningAfter(date),
  });
}

async function checkAll() {
  for (;;) {
    const checked = await checkPendingPortfolioRules({ prisma: services.prisma, storageDir: services.config.storageDir });
    if (checked.length === 0) return;
  }
}

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return problemResponse(error).status;
  }
  return 200;
}

async function oversightPair(viewer: Viewer): Promise<OversightPair> {
  const pairs = await listReconciliationOversight({ prisma: services.prisma, viewer, now: new Date('2026-12-20T04:00:00Z') });
  return pairs.find((pair) => pair.id === pairId)!;
}

/**
 * A day whose disbursements all split 50/50 under a cap, except the injected ones: bank A's share
 * at 10% (breaks a 30% floor for A), bank B's at 5% (breaks a 30% floor for B), a total above the
 * cap, and a failed disbursement at 10% that no rule counts.
 */
function dayWithViolations(date: string, seed: number) {
  const rows = generateStatementRows({ count: 600, seed, date }).map((row): ReconciliationRow => {
    const half = Math.min(row.totalFen, CAP_FEN);
    return { ...row, totalFen: half * 2, shareAFen: half, shareBFen: half, ratioBp: 5000 };
  });
  const disbursements = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.type === 'disbursement' && row.status !== 'failed');
  const set = (index: number, change: Partial<ReconciliationRow>) => (rows[index] = { ...rows[index], ...change });
  const lowA = disbursements.slice(0, 7).map(({ index }) => index);
  const lowB = disbursements.slice(7, 12).map(({ index }) => index);
  const over = disbursements.slice(12, 15).map(({ index }) => index);
  for (const index of lowA) set(index, { totalFen: 1_000_000, shareAFen: 100_000, shareBFen: 900_000, ratioBp: 1000 });
  for (const index of lowB) set(index, { totalFen: 1_000_000, shareAFen: 950_000, shareBFen: 50_000, ratioBp: 9500 });
  for (const index of over) set(index, { totalFen: CAP_FEN * 3, shareAFen: CAP_FEN * 1.5, shareBFen: CAP_FEN * 1.5, ratioBp: 5000 });
  const failed = rows.findIndex((row, index) => row.type === 'disbursement' && !disbursements.some((d) => d.index === index));
  const failedIndex = failed >= 0 ? failed : disbursements[20].index;
  set(failedIndex, { status: 'failed', totalFen: 1_000_000, shareAFen: 100_000, shareBFen: 900_000, ratioBp: 1000 });
  const keyOf = (index: number) => toHex(matchKey(keys, rows[index]));
  const disbursedFen = rows.filter((row) => row.type === 'disbursement' && row.status !== 'failed').reduce((sum, row) => sum + BigInt(row.totalFen), 0n);
  return { rows, lowA: lowA.map(keyOf), lowB: lowB.map(keyOf), over: over.map(keyOf), failedKey: keyOf(failedIndex), disbursedFen };
}

const day1 = dayWithViolations(DAY1, 71);
// Bank B's side of day 1 lacks one plain row: an only-A break the regulator may ask about.
const missingOnB = day1.rows.findIndex((row) => row.type !== 'disbursement');
const day1B = day1.rows.filter((_, index) => index !== missingOnB);
const onlyAKey = toHex(matchKey(keys, day1.rows[missingOnB]));

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  issuer = await loadIssuer(services.config);
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.9' })) as StaffViewer;
  [lenderA, lenderB, regulator, operator, arbitrator] = await Promise.all(
    ['lender-a', 'lender-b', 'regulator', 'operator', 'arbitrator'].map((name) => staff(`${name}@evident.demo`)),
  );
  borrower = (await loadUserViewer({ prisma: services.prisma, user: { email: 'borrower-1@evident.demo' }, ipAddress: null }))!;
  const { organization } = await findOrCreateOrganization({ prisma: services.prisma, name: '局外银行 Outsider Bank', type: 'lender' });
  outsider = { ...lenderA, userId: lenderA.userId, email: 'staff@outsider.test', organizationId: organization.id, organizationName: organization.name };
  ({ pairId } = await createReconciliationPair({
    prisma: services.prisma,
    settings: {
      name: 'Portfolio rules pair',
      cutOffTime: '10:00',
      firstBusinessDate: '2026-11-01',
      toleranceRules: [{ name: 'split-rounding', maxFen: 1 }],
      columnMapA: { carrier: 'csv', encoding: 'utf-8' },
      columnMapB: { carrier: 'csv', encoding: 'utf-8' },
    },
    lenderA: lenderA.organizationId,
    lenderB: lenderB.organizationId,
    pairKey,
    keySecret: services.secrets.reconciliationKeySecret,
    actor: SYSTEM_ACTOR,
  }));
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

describe('portfolio rule checks', () => {
  it('only the regulator sets thresholds; a bad one is a 400 naming the field', async () => {
    const thresholds = { minShareABp: '3000', minShareBBp: '3000', maxLoanTotalFen: String(CAP_FEN * 2), maxDayDisbursedFen: '' };
    for (const viewer of [lenderA, operator, arbitrator, borrower]) {
      expect(await statusOf(() => setRuleThresholds({ prisma: services.prisma, viewer, scope: 'consortium', thresholds }))).toBe(403);
    }
    const bad = await setRuleThresholds({ prisma: services.prisma, viewer: regulator, scope: 'consortium', thresholds: { ...thresholds, minShareBBp: '12000' } }).catch((e) => e);
    expect(problemResponse(bad).status).toBe(400);
    expect(bad.fieldErrors).toMatchObject({ minShareBBp: [expect.stringContaining('0 … 10000')] });
    expect(await statusOf(() => setRuleThresholds({ prisma: services.prisma, viewer: regulator, scope: '00000000-0000-4000-8000-000000000000', thresholds }))).toBe(404);
    expect(await services.prisma.reconciliationRuleThresholdChange.count()).toBe(0);

    const set = await setRuleThresholds({ prisma: services.prisma, viewer: regulator, scope: 'consortium', thresholds });
    expect(set).toEqual({ scope: 'consortium', previous: null, next: { minShareABp: 3000, minShareBBp: 3000, maxLoanTotalFen: CAP_FEN * 2, maxDayDisbursedFen: null } });
  });

  it('finds exactly the injected violations of a day, by key and leaf index, with the thresholds it used', async () => {
    expect((await upload(lenderA, DAY1, day1.rows)).status).toBe(201);
    expect((await upload(lenderB, DAY1, day1B)).status).toBe(201);
    await checkAll();
    const day = (await oversightPair(regulator)).days.find((d) => d.businessDate === DAY1)!;
    const checkA = day.ruleChecks.find((check) => check.bank === 'A')!;
    expect(checkA).toMatchObject({
      rowsChecked: day1.rows.length,
      disbursedFen: String(day1.disbursedFen),
      thresholds: { scope: 'consortium', minShareABp: 3000, minShareBBp: 3000, maxLoanTotalFen: CAP_FEN * 2, maxDayDisbursedFen: null },
      violations: { 'min-share-a': day1.lowA.length, 'min-share-b': day1.lowB.length, 'max-loan-total': day1.over.length },
    });
    const keysOf = (rule: string) => checkA.records.filter((r) => r.rule === rule).map((r) => r.key).sort();
    expect(keysOf('min-share-a')).toEqual([...day1.lowA].sort());
    expect(keysOf('min-share-b')).toEqual([...day1.lowB].sort());
    expect(keysOf('max-loan-total')).toEqual([...day1.over].sort());
    expect(checkA.records.map((r) => r.key)).not.toContain(day1.failedKey);
    // Leaf indices are the records' places in the committed (key-sorted) side.
    const sorted = day1.rows.map((row) => toHex(matchKey(keys, row))).sort();
    for (const record of checkA.records) expect(sorted[record.leafIndex]).toBe(record.key);

    const audit = await services.prisma.auditOutbox.count({ where: { action: 'reconciliation.rule_check' } });
    const chained = await services.prisma.auditEntry.count({ where: { action: 'reconciliation.rule_check' } });
    expect(audit + chained).toBeGreaterThanOrEqual(2);
  });

  it('a changed threshold is kept with old → new and audited, and applies to later sides only', async () => {
    const next = { minShareABp: '', minShareBBp: '9600', maxLoanTotalFen: '', maxDayDisbursedFen: '1000' };
    const changed = await setRuleThresholds({ prisma: services.prisma, viewer: regulator, scope: pairId, thresholds: next });
    expect(changed.previous).toBeNull(); // the pair had no thresholds of its own
    const again = await setRuleThresholds({ prisma: services.prisma, viewer: regulator, scope: pairId, thresholds: { ...next, maxDayDisbursedFen: '' } });
    expect(again.previous).toEqual({ minShareABp: null, minShareBBp: 9600, maxLoanTotalFen: null, maxDayDisbursedFen: 1000 });
    const history = await services.prisma.reconciliationRuleThresholdChange.findMany({ where: { scope: pairId }, orderBy: { changedAt: 'asc' } });
    expect(history.map((change) => [change.previous, change.next, change.changedBy])).toEqual([
      [null, { minShareABp: null, minShareBBp: 9600, maxLoanTotalFen: null, maxDayDisbursedFen: 1000 }, 'regulator@evident.demo'],
      [
        { minShareABp: null, minShareBBp: 9600, maxLoanTotalFen: null, maxDayDisbursedFen: 1000 },
        { minShareABp: null, minShareBBp: 9600, maxLoanTotalFen: null, maxDayDisbursedFen: null },
        'regulator@evident.demo',
      ],
    ]);
    const entries = await services.prisma.auditEntry.findMany({ where: { action: 'reconciliation.rule_thresholds_change', targetId: pairId }, orderBy: { sequence: 'asc' } });
    expect(entries.map((entry) => [entry.actorLabel, (entry.details as { previous: unknown }).previous])).toEqual([
      ['regulator@evident.demo', null],
      ['regulator@evident.demo', { minShareABp: null, minShareBBp: 9600, maxLoanTotalFen: null, maxDayDisbursedFen: 1000 }],
    ]);

    const day2 = dayWithViolations(DAY2, 72);
    await upload(lenderA, DAY2, day2.rows);
    await upload(lenderB, DAY2, day2.rows);
    await checkAll();
    const pair = await oversightPair(regulator);
    const checkOf = (date: string) => pair.days.find((d) => d.businessDate === date)!.ruleChecks.find((check) => check.bank === 'B')!;
    // Day 2 under the pair's thresholds: every counted disbursement gives B at most 90%, below the 96% floor.
    const counted = day2.rows.filter((row) => row.type === 'disbursement' && row.status !== 'failed');
    expect(checkOf(DAY2).thresholds).toMatchObject({ scope: pairId, minShareBBp: 9600, minShareABp: null });
    expect(checkOf(DAY2).violations).toEqual({ 'min-share-b': counted.length });
    // Day 1 keeps the result of the thresholds it was checked with.
    expect(checkOf(DAY1).thresholds).toMatchObject({ scope: 'consortium', minShareBBp: 3000 });
    expect(checkOf(DAY1).violations['min-share-b']).toBe(day1.lowB.length);
  });
});

describe('disclosure requests', () => {
  let requestId: string;

  it('the regulator asks bank A for a violating record; only the regulator may ask, and only for a break or a violation', async () => {
    const record = { pairId, businessDate: DAY1, bank: 'A', key: day1.lowB[0], reason: 'B 的出资比例低于 30%：请披露该笔放款。' };
    for (const viewer of [lenderA, lenderB, operator, arbitrator, borrower]) {
      expect(await statusOf(() => requestRecordDisclosure({ prisma: services.prisma, viewer, ...record }))).toBe(403);
    }
    expect(await statusOf(() => requestRecordDisclosure({ prisma: services.prisma, viewer: regulator, ...record, reason: ' ' }))).toBe(400);
    expect(await statusOf(() => requestRecordDisclosure({ prisma: services.prisma, viewer: regulator, ...record, key: 'JJ001' }))).toBe(400);
    // A key that is neither a break nor a violation of that side: nothing to disclose.
    expect(await statusOf(() => requestRecordDisclosure({ prisma: services.prisma, viewer: regulator, ...record, key: `0x${'ab'.repeat(32)}` }))).toBe(404);
    // The only-A break is not on B's side.
    expect(await statusOf(() => requestRecordDisclosure({ prisma: services.prisma, viewer: regulator, ...record, bank: 'B', key: onlyAKey }))).toBe(404);

    ({ requestId } = await requestRecordDisclosure({ prisma: services.prisma, viewer: regulator, ...record }));
    expect(await statusOf(() => requestRecordDisclosure({ prisma: services.prisma, viewer: regulator, ...record }))).toBe(409);
    const entry = await services.prisma.auditEntry.findFirstOrThrow({ where: { action: 'reconciliation.disclosure_request', targetId: requestId } });
    expect(entry.details).toMatchObject({ bank: 'A', key: day1.lowB[0], subject: 'rule:min-share-b', reason: record.reason });

    const pair = await oversightPair(regulator);
    expect(pair.disclosures.find((d) => d.id === requestId)).toMatchObject({ status: 'requested', disclosed: null, subject: 'rule:min-share-b' });
  });

  it('appears to bank A only; every other party is refused its answer', async () => {
    expect((await listBankDisclosureRequests({ prisma: services.prisma, viewer: lenderA, pairId })).map((r) => r.id)).toContain(requestId);
    expect(await listBankDisclosureRequests({ prisma: services.prisma, viewer: lenderB, pairId })).toEqual([]);
    expect(await statusOf(() => listBankDisclosureRequests({ prisma: services.prisma, viewer: outsider, pairId }))).toBe(404);
    for (const viewer of [regulator, operator, arbitrator, borrower]) {
      expect(await statusOf(() => listBankDisclosureRequests({ prisma: services.prisma, viewer, pairId }))).toBe(403);
    }
    const answer = { requestId, decision: 'disclose', storageDir: services.config.storageDir, keySecret: services.secrets.reconciliationKeySecret };
    for (const viewer of [lenderB, outsider]) expect(await statusOf(() => answerDisclosureRequest({ prisma: services.prisma, viewer, ...answer }))).toBe(404);
    for (const viewer of [regulator, operator, arbitrator, borrower]) {
      expect(await statusOf(() => answerDisclosureRequest({ prisma: services.prisma, viewer, ...answer }))).toBe(403);
    }
    expect(await statusOf(() => answerDisclosureRequest({ prisma: services.prisma, viewer: lenderA, ...answer, decision: 'decline' }))).toBe(400);
    expect((await oversightPair(regulator)).disclosures.find((d) => d.id === requestId)!.status).toBe('requested');
  });

  it('bank A discloses: the regulator sees the values, checked against the committed side; nobody else does', async () => {
    const before = JSON.stringify(await oversightPair(regulator));
    const row = day1.rows.find((candidate) => toHex(matchKey(keys, candidate)) === day1.lowB[0])!;
    // No loan data before disclosure: no loan number, transaction id or amount of the record.
    for (const text of [row.loanNumber, row.transactionId, '"totalFen"', '"shareBFen"']) expect(before).not.toContain(text);

    const answer = { requestId, decision: 'disclose', storageDir: services.config.storageDir, keySecret: services.secrets.reconciliationKeySecret };
    expect(await answerDisclosureRequest({ prisma: services.prisma, viewer: lenderA, ...answer })).toEqual({ status: 'disclosed' });
    expect(await statusOf(() => answerDisclosureRequest({ prisma: services.prisma, viewer: lenderA, ...answer }))).toBe(409);
    expect(await services.prisma.auditEntry.count({ where: { action: 'reconciliation.disclosure_disclose', targetId: requestId, actorLabel: 'lender-a@evident.demo' } })).toBe(1);

    const disclosed = (await oversightPair(regulator)).disclosures.find((d) => d.id === requestId)!;
    expect(disclosed.status).toBe('disclosed');
    expect(disclosed.disclosed!.verdict).toEqual({ valid: true });
    expect(Object.fromEntries(disclosed.disclosed!.values.map(({ field, value }) => [field, value]))).toEqual({
      accountingDate: JSON.stringify(row.accountingDate),
      valueDate: JSON.stringify(row.valueDate),
      totalFen: String(row.totalFen),
      shareAFen: String(row.shareAFen),
      shareBFen: String(row.shareBFen),
      ratioBp: String(row.ratioBp),
      status: JSON.stringify(row.status),
      currency: JSON.stringify(row.currency),
    });
    // A disclosure edited in the database no longer checks.
    const stored = await services.prisma.reconciliationDisclosureRequest.findUniqueOrThrow({ where: { id: requestId } });
    const tampered = JSON.parse(JSON.stringify(stored.disclosure));
    tampered.fields.find((f: { field: string }) => f.field === 'shareBFen').value = '500000';
    await services.prisma.reconciliationDisclosureRequest.update({ where: { id: requestId }, data: { disclosure: tampered } });
    expect((await oversightPair(regulator)).disclosures.find((d) => d.id === requestId)!.disclosed!.verdict.valid).toBe(false);
    await services.prisma.reconciliationDisclosureRequest.update({ where: { id: requestId }, data: { disclosure: stored.disclosure! } });

    // The operator oversees the days but is shown no disclosure; the banks' own pages list none of B's.
    expect((await oversightPair(operator)).disclosures).toEqual([]);
    expect(await listBankDisclosureRequests({ prisma: services.prisma, viewer: lenderB, pairId })).toEqual([]);
  });

  it('a bank may decline an only-A break with its reason; the regulator sees the reason and no value', async () => {
    const { requestId: breakRequest, subject } = await requestRecordDisclosure({
      prisma: services.prisma,
      viewer: regulator,
      pairId,
      businessDate: DAY1,
      bank: 'A',
      key: onlyAKey,
      reason: 'Only on bank A for a week.',
    });
    expect(subject).toBe('break:only_a');
    const answer = { requestId: breakRequest, decision: 'decline', reason: '已与 B 行线下核对，次日补录。', storageDir: services.config.storageDir, keySecret: services.secrets.reconciliationKeySecret };
    expect(await answerDisclosureRequest({ prisma: services.prisma, viewer: lenderA, ...answer })).toEqual({ status: 'declined' });
    const declined = (await oversightPair(regulator)).disclosures.find((d) => d.id === breakRequest)!;
    expect(declined).toMatchObject({ status: 'declined', declineReason: answer.reason, disclosed: null });
    expect(await services.prisma.auditEntry.count({ where: { action: 'reconciliation.disclosure_decline', targetId: breakRequest } })).toBe(1);
  });

  it('shows open breaks by class and age', async () => {
    const pair = await oversightPair(regulator);
    // Day 1's only-A break is 19 days old on 2026-12-20.
    expect(pair.breaksByAge.only_a).toEqual({ upTo1: 0, from2To7: 0, from8To30: 1, over30: 0 });
    expect(pair.oldestOpenBreaks).toContainEqual({ businessDate: DAY1, breakClass: 'only_a', key: onlyAKey, banks: ['A'] });
  });
});
