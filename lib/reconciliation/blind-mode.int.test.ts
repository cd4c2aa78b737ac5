// Blind mode end to end on the real database and the real local chain (docs/reconciliation-format.md
// §14): a blind pair between the demo banks holds no key; each bank blinds its day with the key they
// share and uploads keys and commitments; the statement finds exactly the injected classes (the
// split-rounding differences stay field mismatches: no value to compare); a wrong opening is refused
// and stores nothing, right ones are stored, audited, noted against the rule and carried by a
// certificate that verifies; inclusion and absence certificates, a timing break the next day, both
// banks' sign-off and the day's three transactions on chain work as in open mode.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushAuditOutbox, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { createApiKey } from '../auth/create-api-key';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { StaffViewer, Viewer } from '../auth/viewer';
import { startBatcher } from '../batches/start-batcher';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { getPrisma } from '../db/client';
import { demoSignOffKeyFile, DEMO_SIGN_OFF_KEY_PASSWORD } from '../demo/demo-consortium';
import { DomainError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { toHex } from '../proof/hex';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { blindOpeningsFor, blindSideText, blindStatement } from './blind-statement';
import { matchKey } from './commit-row';
import { commitStatementUpload } from './commit-statement-upload';
import { createReconciliationPair } from './create-reconciliation-pair';
import { derivePairKeys } from './derive-pair-keys';
import { generateStatementRows, rowsToCsv } from './generate-statement-rows';
import { getReconciliationDay } from './get-reconciliation-day';
import { hashObjections } from './hash-objections';
import { injectBreaks } from './inject-breaks';
import { issueBreakCertificate } from './issue-break-certificate';
import { listReconciliationBreaks } from './list-reconciliation-breaks';
import { listReconciliationPairs } from './list-reconciliation-pairs';
import { pairIdOnChain } from './pair-id-on-chain';
import { readReconciliationDay } from './read-reconciliation-day';
import { breaksQuerySchema, type BreakPage, type PairSettings } from './reconciliation-schemas';
import type { ReconciliationRow } from './row-format';
import { loadSignOffContext } from './sign-off-context';
import { parseSignOffBody, signOffStatement } from './sign-off-statement';
import { signStatementSignOff } from './sign-statement-sign-off';
import { verifySideReceipt } from './side-receipt';
import { NO_OBJECTIONS, type SignOffDecision } from './statement-typed-data';
import { verifyReconciliationCertificate } from './verify-reconciliation-certificate';

type Handler = (request: Request, segment?: { params: Promise<Record<string, string>> }) => Promise<Response>;
let services: TestServices;
let issuer: Issuer;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let apiKeyA: string;
let apiKeyB: string;
let POST_OPENINGS: Handler;
let GET_OPENINGS: Handler;
let pairId: string;
const savedEnv = { ...process.env };
/** The key the two banks agreed between themselves; Evident never receives it. */
const pairKey = new Uint8Array(32).map((_, i) => 200 - i);
const keys = derivePairKeys(pairKey);
const day1 = '2026-12-01';
const day2 = '2026-12-02';

const morningAfter = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(`${next.toISOString().slice(0, 10)}T01:00:00.000Z`);
};

/** What the bank's system does: its rows blinded with the pair key (scripts/blind-statement.ts). */
function blind(rows: ReconciliationRow[]): string {
  const blinded = blindStatement({ keys, rows: rows.map((row, i) => ({ row, line: i + 2 })) });
  if (!blinded.ok) throw new Error('refused');
  return blindSideText(blinded);
}

function upload(viewer: Viewer, date: string, body: string, contentType = 'application/x-ndjson') {
  return commitStatementUpload({
    prisma: services.prisma,
    viewer,
    pairId,
    businessDate: date,
    contentType,
    body: Readable.from([Buffer.from(body)]),
    idempotencyKey: null,
    storageDir: services.config.storageDir,
    maxBytes: 1 << 24,
    keySecret: services.secrets.reconciliationKeySecret,
    issuer,
    now: () => morningAfter(date),
  });
}

async function refusal(run: () => Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const response = problemResponse(error);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

async function allBreaks(date: string): Promise<BreakPage['items']> {
  const page = await listReconciliationBreaks({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: date, query: breaksQuerySchema.parse({ limit: '1000' }) });
  return page.items;
}

function openingsRequest(key: string, ordinal: number, method: 'GET' | 'POST', body?: unknown) {
  const url = `http://localhost/api/v1/reconciliation/pairs/${pairId}/days/${day1}/breaks/${ordinal}/openings`;
  const init: RequestInit = { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const handler = method === 'GET' ? GET_OPENINGS : POST_OPENINGS;
  return handler(new Request(url, init), { params: Promise.resolve({ pairId, businessDate: day1, ordinal: String(ordinal) }) });
}

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  Object.assign(process.env, {
    DATA_DIR: services.config.dataDir,
    DATABASE_URL: services.databaseUrl,
    CHAIN_RPC_URL: services.chainRpcUrl,
    ANCHOR_CONTRACT_ADDRESS: services.contractAddress,
    RECONCILIATION_KEY_SECRET: services.secrets.reconciliationKeySecret,
    SESSION_SECRET: services.secrets.sessionSecret,
  });
  issuer = await loadIssuer(services.config);
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.9' })) as StaffViewer;
  [lenderA, lenderB] = await Promise.all(['lender-a', 'lender-b'].map((name) => staff(`${name}@evident.demo`)));
  const keyOf = async (organizationId: string) => (await createApiKey({ prisma: services.prisma, organizationId, name: 'ledger', actor: SYSTEM_ACTOR })).plaintext;
  [apiKeyA, apiKeyB] = await Promise.all([keyOf(lenderA.organizationId), keyOf(lenderB.organizationId)]);
  ({ GET: GET_OPENINGS, POST: POST_OPENINGS } = (await import('../../app/api/v1/reconciliation/pairs/[pairId]/days/[businessDate]/breaks/[ordinal]/openings/route')) as unknown as {
    GET: Handler;
    POST: Handler;
  });
}, 180_000);

afterAll(async () => {
  if (services) await getPrisma().$disconnect();
  process.env = savedEnv;
  await services?.stop();
});

const settings = (name: string): PairSettings => ({
  name,
  mode: 'blind',
  cutOffTime: '10:00',
  firstBusinessDate: '2026-11-01',
  toleranceRules: [{ name: 'split-rounding', maxFen: 1 }],
  columnMapA: { carrier: 'csv', encoding: 'utf-8' },
  columnMapB: { carrier: 'csv', encoding: 'utf-8' },
});

describe('a blind pair', () => {
  const rows = generateStatementRows({ count: 1500, seed: 91, date: day1 });
  const { a, b, injected } = injectBreaks({ rows, rate: 0.03, seed: 92 });

  it('is created without a key (one given is refused), and the banks see its mode', async () => {
    const given = await refusal(() =>
      createReconciliationPair({ prisma: services.prisma, settings: settings('Blind with a key'), lenderA: lenderA.organizationId, lenderB: lenderB.organizationId, pairKey, keySecret: services.secrets.reconciliationKeySecret, actor: SYSTEM_ACTOR }),
    );
    expect(given.status).toBe(400);
    const created = await createReconciliationPair({
      prisma: services.prisma,
      settings: settings('Blind pair'),
      lenderA: lenderA.organizationId,
      lenderB: lenderB.organizationId,
      keySecret: services.secrets.reconciliationKeySecret,
      actor: SYSTEM_ACTOR,
    });
    pairId = created.pairId;
    expect(created.pairKey).toBeNull();
    expect(await services.prisma.reconciliationPair.findUniqueOrThrow({ where: { id: pairId } })).toMatchObject({ mode: 'blind', encryptedPairKey: null });
    const { pairs } = await listReconciliationPairs({ prisma: services.prisma, viewer: lenderB });
    expect(pairs.find((pair) => pair.id === pairId)).toMatchObject({ mode: 'blind', yourBank: 'B' });
  });

  it('refuses rows, and a malformed blind side, leaving nothing stored', async () => {
    const rowsUpload = await refusal(() => upload(lenderA, day1, rowsToCsv(a), 'text/csv'));
    expect(rowsUpload.status).toBe(415);
    const lines = blind(a).split('\n');
    const upper = lines[3].replace(/"key":"0x([0-9a-f]{64})"/, (_m, hex: string) => `"key":"0x${hex.toUpperCase()}"`);
    const malformed = await refusal(() => upload(lenderA, day1, [...lines.slice(0, 3), upper, ...lines.slice(4)].join('\n')));
    expect(malformed.status).toBe(422);
    expect(malformed.body.issues).toEqual([expect.objectContaining({ line: 4, code: 'invalid-hex' })]);
    expect(await services.prisma.reconciliationSide.count({ where: { pairId } })).toBe(0);
  });

  it('commits both banks’ blind sides with version 2 receipts and finds exactly the injected classes', async () => {
    const sideA = JSON.parse((await upload(lenderA, day1, blind(a))).bodyText);
    const second = await upload(lenderB, day1, blind(b));
    const sideB = JSON.parse(second.bodyText);
    expect(second.statementId).not.toBeNull();
    for (const [side, bankRows] of [
      [sideA, a],
      [sideB, b],
    ] as const) {
      expect(side.side.rowCount).toBe(bankRows.length);
      expect(side.side.receipt).toMatchObject({ version: 2, mode: 'blind', controlTotalsDeclared: true });
      expect(verifySideReceipt(side.side.receipt, { trustedIssuers: [issuer.address], previous: null })).toMatchObject({ ok: true });
    }
    // Bank A's declared totals are what its rows sum to.
    const settledFees = a.filter((row) => row.type === 'fee' && row.status === 'settled');
    expect(sideA.side.receipt.controlTotals['fee/settled']).toEqual({
      count: settledFees.length,
      totalFen: String(settledFees.reduce((sum, row) => sum + row.totalFen, 0)),
      shareAFen: String(settledFees.reduce((sum, row) => sum + row.shareAFen, 0)),
      shareBFen: String(settledFees.reduce((sum, row) => sum + row.shareBFen, 0)),
    });

    const day = await getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day1 });
    const count = (kind: string) => injected.filter((i) => i.injected === kind).length;
    expect(count('split-rounding') * count('only-a') * count('status')).toBeGreaterThan(0);
    expect(day.statement!.counts).toMatchObject({
      onlyA: count('only-a'),
      onlyB: count('only-b'),
      matchedWithinTolerance: 0,
      fieldMismatch: injected.length - count('only-a') - count('only-b'),
    });
    expect(day.statement!.document.rules).toEqual([{ name: 'split-rounding', maxFen: 1, fired: 0 }]);
    const summary = (entry: { class: string; key: string; fields: string[] }) => `${entry.class} ${entry.key} ${[...entry.fields].sort().join(',')}`;
    const expected = injected.map((i) =>
      summary({ class: i.injected === 'only-a' || i.injected === 'only-b' ? i.injected : 'field-mismatch', key: toHex(matchKey(keys, i.row)), fields: i.fields }),
    );
    expect((await allBreaks(day1)).map(summary).sort()).toEqual(expected.sort());
  });

  it('refuses a wrong opening, stores right ones with an audit entry, and notes the rule the opened shares satisfy', async () => {
    const breaks = await allBreaks(day1);
    const split = injected.find((i) => i.injected === 'split-rounding')!;
    const target = breaks.find((item) => item.key === toHex(matchKey(keys, split.row)))!;
    const rowsOf = (bankRows: ReconciliationRow[]) => bankRows.map((row, i) => ({ row, line: i + 2 }));
    const bodyA = blindOpeningsFor({ keys, rows: rowsOf(a), key: matchKey(keys, split.row), fields: ['shareAFen', 'shareBFen'] })!;
    const bodyB = blindOpeningsFor({ keys, rows: rowsOf(b), key: matchKey(keys, split.row), fields: ['shareAFen', 'shareBFen'] })!;

    // Bank A sends B's values under its own name: they are not what A committed.
    const wrong = await openingsRequest(apiKeyA, target.ordinal, 'POST', bodyB);
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/is not bank A's commitment/);
    expect(await services.prisma.reconciliationOpening.count()).toBe(0);
    const notDiffering = await openingsRequest(apiKeyA, target.ordinal, 'POST', { ...bodyA, openings: [{ ...bodyA.openings[0], field: 'status' }] });
    expect(notDiffering.status).toBe(400);

    const byA = await openingsRequest(apiKeyA, target.ordinal, 'POST', bodyA);
    expect(byA.status).toBe(200);
    expect(await byA.json()).toMatchObject({ openings: [{ bank: 'A', field: 'shareAFen' }, { bank: 'A', field: 'shareBFen' }], withinRuleOnOpening: null });
    const byB = await openingsRequest(apiKeyB, target.ordinal, 'POST', bodyB);
    const seen = (await (await openingsRequest(apiKeyB, target.ordinal, 'GET')).json()) as { openings: { bank: string; value: string }[]; withinRuleOnOpening: string | null };
    expect(byB.status).toBe(200);
    expect(seen.openings.map((opening) => opening.bank)).toEqual(['A', 'A', 'B', 'B']);
    expect(seen.withinRuleOnOpening).toBe('split-rounding');
    // Sent again: nothing new, no second audit entry.
    expect((await openingsRequest(apiKeyB, target.ordinal, 'POST', bodyB)).status).toBe(200);
    await flushAuditOutbox(services.prisma);
    expect(await services.prisma.auditEntry.count({ where: { action: 'reconciliation.opening_submit' } })).toBe(2);
    // The signed statement did not change: the break is still a field mismatch.
    expect((await allBreaks(day1)).find((item) => item.ordinal === target.ordinal)).toMatchObject({ class: 'field-mismatch' });
  });

  it('issues certificates that verify: a field mismatch unopened, then opened with both banks’ values; inclusion and absence', async () => {
    const breaks = await allBreaks(day1);
    const statusBreak = injected.find((i) => i.injected === 'status')!;
    const target = breaks.find((item) => item.key === toHex(matchKey(keys, statusBreak.row)))!;
    const issue = (ordinal: number, proof?: 'inclusion' | 'absence') =>
      issueBreakCertificate({ prisma: services.prisma, viewer: lenderB, pairId, businessDate: day1, ordinal, proof, storageDir: services.config.storageDir, keySecret: services.secrets.reconciliationKeySecret, issuer });
    const check = (certificate: unknown) => verifyReconciliationCertificate({ certificate, trustedIssuers: [issuer.address] });

    const unopened = await issue(target.ordinal);
    expect(unopened.proof).toMatchObject({ kind: 'reconciliation-field-mismatch', field: 'status' });
    expect('opening' in unopened.proof).toBe(false);
    expect(check(unopened).valid).toBe(true);

    for (const [apiKey, bankRows] of [
      [apiKeyA, a],
      [apiKeyB, b],
    ] as const) {
      const body = blindOpeningsFor({ keys, rows: bankRows.map((row, i) => ({ row, line: i + 2 })), key: matchKey(keys, statusBreak.row), fields: ['status'] })!;
      expect((await openingsRequest(apiKey, target.ordinal, 'POST', body)).status).toBe(200);
    }
    const opened = await issue(target.ordinal);
    const statusOf = (row: ReconciliationRow | undefined) => JSON.stringify(row!.status);
    const rowIn = (bankRows: ReconciliationRow[]) => bankRows.find((row) => toHex(matchKey(keys, row)) === target.key);
    expect(opened.proof).toMatchObject({ field: 'status', opening: { a: statusOf(rowIn(a)), b: statusOf(rowIn(b)) } });
    expect(check(opened).valid).toBe(true);
    expect((await issue(target.ordinal)).serial).toBe(opened.serial);
    expect(
      (await services.prisma.reconciliationCertificate.findMany({ where: { pairId, ordinal: target.ordinal }, orderBy: { proof: 'asc' } })).map((row) => row.proof),
    ).toEqual(['field-mismatch', 'field-mismatch-unopened']);

    const onlyA = breaks.find((item) => item.class === 'only-a')!;
    for (const proof of ['inclusion', 'absence'] as const) expect(check(await issue(onlyA.ordinal, proof)).valid).toBe(true);
  });

  it('closes a row booked a day late as timing on the next blind day', async () => {
    const onlyA = injected.find((i) => i.injected === 'only-a')!;
    const late = a.find((row) => toHex(matchKey(keys, row)) === toHex(matchKey(keys, onlyA.row)))!;
    const rows2 = generateStatementRows({ count: 40, seed: 93, date: day2 });
    await upload(lenderA, day2, blind(rows2));
    await upload(lenderB, day2, blind([...rows2, late]));
    const day = await getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day2 });
    expect(day.statement!.counts).toMatchObject({ matched: 40, timing: 1, onlyA: 0, onlyB: 0 });
    const timing = await allBreaks(day2);
    expect(timing.map((item) => [item.class, item.key, item.closes])).toEqual([['timing', toHex(matchKey(keys, late)), { businessDate: day1 }]]);
    // Its certificates (inclusion in B's day, absence from A's) need no value: they verify as in open mode.
    for (const proof of ['inclusion', 'absence'] as const) {
      const certificate = await issueBreakCertificate({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day2, ordinal: timing[0].ordinal, proof, storageDir: services.config.storageDir, keySecret: services.secrets.reconciliationKeySecret, issuer });
      expect(verifyReconciliationCertificate({ certificate, trustedIssuers: [issuer.address] }).valid).toBe(true);
    }
  });

  it('is signed off by both banks and goes on chain in three transactions, the sides as committed', async () => {
    const open = async (bank: 'A' | 'B') => (await Wallet.fromEncryptedJson(await readFile(demoSignOffKeyFile(services.config.dataDir, bank), 'utf8'), DEMO_SIGN_OFF_KEY_PASSWORD)) as Wallet;
    const signOff = async (viewer: StaffViewer, key: Wallet, decision: SignOffDecision, objections?: string) => {
      const { common, bank } = await loadSignOffContext({ prisma: services.prisma, viewer, pairId, businessDate: day1 });
      const signature = await signStatementSignOff(key, { ...common, party: bank === 'A' ? 'bank-a' : 'bank-b', decision, objectionsHash: objections === undefined ? NO_OBJECTIONS : hashObjections(objections) });
      return signOffStatement({ prisma: services.prisma, viewer, pairId, businessDate: day1, body: parseSignOffBody(new TextEncoder().encode(JSON.stringify({ decision, objections, signature }))), issuer });
    };
    await signOff(lenderA, await open('A'), 'agreed');
    const statement = await signOff(lenderB, await open('B'), 'disputed', 'Split rounding opened: within 1 fen; the status break stands.');
    expect(statement.status).toBe('disputed');

    const batcher = startBatcher({
      prisma: services.prisma,
      databaseUrl: services.databaseUrl,
      chain: services.chain,
      anchoring: { contractAddress: services.contractAddress, confirmations: 0, stuckAfterMs: 60_000, gasLimit: BigInt(services.config.anchorGasLimit), maxInFlight: 4 },
      intervalMs: 3_600_000,
      maxLeaves: 1000,
      log: () => undefined,
    });
    try {
      await batcher.runOnce();
    } finally {
      await batcher.stop();
    }
    const transactions = await services.prisma.reconciliationAnchorTransaction.findMany({ where: { pairId, businessDate: day1 }, orderBy: { nonce: 'asc' } });
    expect(transactions.map((row) => [row.kind, row.status])).toEqual([
      ['side_a', 'included'],
      ['side_b', 'included'],
      ['statement', 'included'],
    ]);
    const contract = (await services.prisma.chainDeployment.findFirstOrThrow()).reconciliationAnchorAddress!;
    const onChain = await readReconciliationDay(services.chain, { contract, pairId: pairIdOnChain(pairId), businessDate: day1 });
    const sides = await services.prisma.reconciliationSide.findMany({ where: { pairId, businessDate: day1 }, orderBy: { bank: 'asc' } });
    expect([toHex(onChain.sideA!.root), toHex(onChain.sideB!.root)]).toEqual(sides.map((side) => toHex(side.root)));
    expect(path.basename(sides[0].directory)).toBe(sides[0].id);
  });
});
