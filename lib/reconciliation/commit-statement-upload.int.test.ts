// The reconciliation backbone on a real database and the real storage directory: two banks of a pair
// upload a day (statements made by the engine's generator, breaks injected), the receipts verify and
// chain day to day, the draft statement lists exactly the injected breaks; every refusal answers its
// 4xx and leaves no row and no file; a bank outside the pair and a regulator cannot read the rows.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/create-api-key';
import { loadUserViewer } from '../auth/load-user-viewer';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import { flushAuditOutbox, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { startBatcher } from '../batches/start-batcher';
import { loadIssuer, type Issuer } from '../certificates/load-issuer';
import { DomainError } from '../errors';
import { problemResponse } from '../http/problem-response';
import { findOrCreateOrganization } from '../organizations/find-or-create-organization';
import { toHex } from '../proof/hex';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { matchKey } from './commit-row';
import { removeOrphanSideDirectories } from './remove-orphan-side-directories';
import { commitStatementUpload } from './commit-statement-upload';
import { createReconciliationPair } from './create-reconciliation-pair';
import { derivePairKeys } from './derive-pair-keys';
import { draftPendingStatements } from './draft-pending-statements';
import { encodeGbk } from '../testing/encode-gbk';
import { generateStatementRows, rowsToCsv, rowsToFixedWidth, SAMPLE_FIXED_WIDTH_FIELDS } from './generate-statement-rows';
import { getReconciliationDay } from './get-reconciliation-day';
import { DEMO_RECONCILIATION_DAYS, DEMO_RECONCILIATION_PAIR } from '../demo/demo-consortium';
import { injectBreaks, injectTimingBreaks } from './inject-breaks';
import { listReconciliationBreaks } from './list-reconciliation-breaks';
import { listReconciliationDays } from './list-reconciliation-days';
import { listReconciliationPairs } from './list-reconciliation-pairs';
import type { ReconciliationRow } from './row-format';
import { breaksQuerySchema, type BreakPage, type PairSettings } from './reconciliation-schemas';
import { verifyStatement, type StatementBreak } from './reconciliation-statement';
import { verifySideReceipt } from './side-receipt';

let services: TestServices;
let issuer: Issuer;
let lenderA: StaffViewer;
let lenderB: StaffViewer;
let regulator: StaffViewer;
let systemB: ApiKeyViewer;
let outsider: ApiKeyViewer;
let pairId: string;
const pairKey = new Uint8Array(32).map((_, i) => i + 7);
const keys = derivePairKeys(pairKey);

/** 09:00 in Shanghai on the day after `date`: inside the upload window (cut-off 10:00). */
const morningAfter = (date: string, time = '01:00:00.000Z') => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return new Date(`${next.toISOString().slice(0, 10)}T${time}`);
};

const ndjson = (rows: ReconciliationRow[]) => rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length ? '\n' : '');

function upload({
  viewer,
  date,
  body,
  contentType,
  idempotencyKey = null,
  now = morningAfter(date),
  maxBytes = 1 << 24,
  pair = pairId,
}: {
  viewer: Viewer;
  date: string;
  body: string | Uint8Array;
  contentType: string;
  idempotencyKey?: string | null;
  now?: Date;
  maxBytes?: number;
  pair?: string;
}) {
  return commitStatementUpload({
    prisma: services.prisma,
    viewer,
    pairId: pair,
    businessDate: date,
    contentType,
    body: Readable.from([typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)]),
    idempotencyKey,
    storageDir: services.config.storageDir,
    maxBytes,
    keySecret: services.secrets.reconciliationKeySecret,
    issuer,
    now: () => now,
  });
}

/** The HTTP answer a refusal becomes (lib/http/problem-response.ts), with its problem body. */
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

async function storedState() {
  const sidesDir = path.join(services.config.storageDir, 'reconciliation', 'sides');
  const tmpDir = path.join(services.config.storageDir, 'tmp');
  const list = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();
  return {
    sides: await services.prisma.reconciliationSide.count(),
    statements: await services.prisma.reconciliationStatement.count(),
    idempotency: await services.prisma.idempotencyRecord.count(),
    sideDirectories: await list(sidesDir),
    temporaryFiles: await list(tmpDir),
  };
}

async function allBreaks(viewer: Viewer, date: string, query: Record<string, string> = {}): Promise<BreakPage['items']> {
  const items: BreakPage['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listReconciliationBreaks({
      prisma: services.prisma,
      viewer,
      pairId,
      businessDate: date,
      query: breaksQuerySchema.parse({ limit: '7', ...query, ...(cursor ? { cursor } : {}) }),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
  issuer = await loadIssuer(services.config);
  const staff = async (email: string) => (await loadUserViewer({ prisma: services.prisma, user: { email }, ipAddress: '203.0.113.9' })) as StaffViewer;
  [lenderA, lenderB, regulator] = await Promise.all(['lender-a', 'lender-b', 'regulator'].map((name) => staff(`${name}@evident.demo`)));
  const keyViewer = async (organizationId: string): Promise<ApiKeyViewer> => {
    const { apiKey } = await createApiKey({ prisma: services.prisma, organizationId, name: 'ledger export', actor: SYSTEM_ACTOR });
    return { kind: 'api-key', apiKeyId: apiKey.id, prefix: apiKey.prefix, organizationId, organizationType: 'lender', ipAddress: '198.51.100.4' };
  };
  systemB = await keyViewer(lenderB.organizationId);
  const { organization } = await findOrCreateOrganization({ prisma: services.prisma, name: '局外银行 Outsider Bank', type: 'lender' });
  outsider = await keyViewer(organization.id);
  ({ pairId } = await createReconciliationPair({
    prisma: services.prisma,
    settings: {
      name: 'Test co-lending pair',
      cutOffTime: '10:00',
      firstBusinessDate: '2026-11-01',
      toleranceRules: [{ name: 'split-rounding', maxFen: 1 }],
      columnMapA: { carrier: 'csv', encoding: 'utf-8' },
      columnMapB: { carrier: 'ndjson', encoding: 'utf-8' },
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

describe('a day of two banks', () => {
  const day1 = '2026-12-01';
  const rows = generateStatementRows({ count: 3000, seed: 41, date: day1 });
  const { a, b, injected } = injectBreaks({ rows, rate: 0.02, seed: 42 });

  it('commits each side with a signed receipt, drafts the statement with exactly the injected breaks, and audits both', async () => {
    const first = await upload({ viewer: lenderA, date: day1, body: rowsToCsv(a), contentType: 'text/csv' });
    expect(first.status).toBe(201);
    const sideA = JSON.parse(first.bodyText);
    expect(sideA).toMatchObject({ pairId, businessDate: day1, bothSidesIn: false, side: { bank: 'A', rowCount: a.length } });
    expect(first.statementId).toBeNull();
    const receiptA = verifySideReceipt(sideA.side.receipt, { trustedIssuers: [issuer.address], previous: null });
    expect(receiptA).toMatchObject({ ok: true, sha256: sideA.side.receiptSha256 });

    const second = await upload({ viewer: systemB, date: day1, body: ndjson(b), contentType: 'application/x-ndjson; charset=utf-8' });
    const sideB = JSON.parse(second.bodyText);
    expect(sideB).toMatchObject({ bothSidesIn: true, side: { bank: 'B', rowCount: b.length } });
    expect(second.statementId).not.toBeNull();

    const day = await getReconciliationDay({ prisma: services.prisma, viewer: lenderB, pairId, businessDate: day1 });
    expect(day.sides.a?.receiptSha256).toBe(sideA.side.receiptSha256);
    expect(day.statement).toMatchObject({ status: 'draft' });
    const expectedCounts = {
      onlyA: injected.filter((i) => i.injected === 'only-a').length,
      onlyB: injected.filter((i) => i.injected === 'only-b').length,
      matchedWithinTolerance: injected.filter((i) => i.injected === 'split-rounding').length,
    };
    expect(day.statement!.counts).toMatchObject({ ...expectedCounts, fieldMismatch: injected.length - expectedCounts.onlyA - expectedCounts.onlyB - expectedCounts.matchedWithinTolerance });
    expect(expectedCounts.onlyA * expectedCounts.onlyB * expectedCounts.matchedWithinTolerance).toBeGreaterThan(0);

    // Every injected difference is listed once, with its class, its key and the fields that differ.
    const listed = await allBreaks(lenderA, day1);
    const summary = (entry: { class: string; key: string; fields: string[]; rule: string | null }) => `${entry.class} ${entry.key} ${[...entry.fields].sort().join(',')} ${entry.rule}`;
    const expected = injected.map((i) => {
      const cls = i.injected === 'only-a' || i.injected === 'only-b' ? i.injected : i.injected === 'split-rounding' ? 'within-tolerance' : 'field-mismatch';
      return summary({ class: cls, key: toHex(matchKey(keys, i.row)), fields: i.fields, rule: cls === 'within-tolerance' ? 'split-rounding' : null });
    });
    expect(listed.map(summary).sort()).toEqual(expected.sort());
    expect(listed.map((item) => item.ordinal)).toEqual(listed.map((_, i) => i));

    // The statement is Evident's signature over both receipts and exactly this break list.
    const statementBreaks: StatementBreak[] = listed.map(({ ordinal: _o, closedBy: _c, closes: _d, ...entry }) => entry);
    const checked = verifyStatement(day.statement!.document, { trustedIssuers: [issuer.address], breaks: statementBreaks });
    expect(checked).toMatchObject({ ok: true, sha256: day.statement!.sha256 });
    expect(day.statement!.document.sides.b.receiptSha256).toBe(sideB.side.receiptSha256);
    expect(day.statement!.document.rules).toEqual([{ name: 'split-rounding', maxFen: 1, fired: expectedCounts.matchedWithinTolerance }]);
    expect(verifyStatement(day.statement!.document, { breaks: statementBreaks.slice(1) })).toMatchObject({ ok: false, code: 'statement.breaks-altered' });

    const onlyB = await allBreaks(lenderB, day1, { class: 'only-b' });
    expect(onlyB).toHaveLength(expectedCounts.onlyB);

    // The side's files stay on disk under the storage root, the upload beside them.
    const stored = await services.prisma.reconciliationSide.findMany({ where: { pairId, businessDate: day1 } });
    for (const side of stored) {
      const directory = path.join(services.config.storageDir, side.directory);
      expect((await stat(path.join(directory, 'rows.bin'))).size).toBe(side.rowCount * 416);
      expect((await stat(path.join(directory, side.bank === 'A' ? 'statement.csv' : 'statement.ndjson'))).size).toBe(Number(side.fileSize));
    }

    await flushAuditOutbox(services.prisma);
    const audited = await services.prisma.auditEntry.findMany({ where: { action: { startsWith: 'reconciliation.' } }, orderBy: { sequence: 'asc' } });
    // After the demo seed's (its pair and reconciled days), this pair's.
    expect(audited.slice(-4).map((entry) => [entry.action, entry.actorLabel])).toEqual([
      ['reconciliation.pair_create', 'system'],
      ['reconciliation.side_commit', lenderA.email],
      ['reconciliation.side_commit', `api-key:${systemB.prefix}`],
      ['reconciliation.statement_draft', 'system'],
    ]);
  });

  it("chains each bank's receipts day to day", async () => {
    const day2 = '2026-12-02';
    const rows2 = generateStatementRows({ count: 50, seed: 43, date: day2 });
    const a2 = JSON.parse((await upload({ viewer: lenderA, date: day2, body: rowsToCsv(rows2), contentType: 'text/csv' })).bodyText);
    const b2 = JSON.parse((await upload({ viewer: lenderB, date: day2, body: ndjson(rows2), contentType: 'application/x-ndjson' })).bodyText);
    const day1View = await getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day1 });
    expect(verifySideReceipt(a2.side.receipt, { previous: day1View.sides.a!.receipt })).toMatchObject({ ok: true });
    expect(verifySideReceipt(b2.side.receipt, { previous: day1View.sides.b!.receipt })).toMatchObject({ ok: true });
    expect(verifySideReceipt(a2.side.receipt, { previous: day1View.sides.b!.receipt })).toMatchObject({ ok: false, code: 'receipt.chain-broken' });
    const day2View = await getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId, businessDate: day2 });
    expect(day2View.statement!.counts).toEqual({ matched: 50, matchedWithinTolerance: 0, onlyA: 0, onlyB: 0, fieldMismatch: 0, timing: 0 });
    const days = await listReconciliationDays({ prisma: services.prisma, viewer: systemB, pairId });
    expect(days.days.map((d) => [d.businessDate, d.statement?.status])).toEqual([
      [day2, 'draft'],
      [day1, 'draft'],
    ]);
  });

  it('drafts a statement a crash left undone on the next batcher tick', async () => {
    const before = await services.prisma.reconciliationStatement.findUniqueOrThrow({ where: { pairId_businessDate: { pairId, businessDate: day1 } } });
    await services.prisma.reconciliationStatement.delete({ where: { id: before.id } });
    const lines: string[] = [];
    const batcher = startBatcher({
      prisma: services.prisma,
      databaseUrl: services.databaseUrl,
      chain: services.chain,
      anchoring: { contractAddress: services.contractAddress, confirmations: 0, stuckAfterMs: 60_000, gasLimit: 300_000n, maxInFlight: 4 },
      intervalMs: 3_600_000,
      maxLeaves: 1000,
      reconciliation: { storageDir: services.config.storageDir, issuer: async () => issuer },
      log: (line) => lines.push(line),
    });
    try {
      await batcher.runOnce();
    } finally {
      await batcher.stop();
    }
    expect(lines).toContain(`drafted the reconciliation statement of pair ${pairId} on ${day1}`);
    const after = await services.prisma.reconciliationStatement.findUniqueOrThrow({ where: { pairId_businessDate: { pairId, businessDate: day1 } } });
    expect([after.onlyA, after.onlyB, after.fieldMismatch, after.matchedWithinTolerance]).toEqual([before.onlyA, before.onlyB, before.fieldMismatch, before.matchedWithinTolerance]);
    expect(await draftPendingStatements({ prisma: services.prisma, storageDir: services.config.storageDir, issuer })).toEqual([]);
  });
});

describe('refusals: a clear 4xx, and nothing stored', () => {
  const date = '2026-12-03';
  const good = generateStatementRows({ count: 20, seed: 51, date });

  const cases: Array<{ name: string; status: number; code: string; run: () => Promise<unknown>; check?: (body: Record<string, unknown>) => void }> = [
    { name: 'a bank outside the pair (no existence leak)', status: 404, code: 'reconciliation-pair-not-found', run: () => upload({ viewer: outsider, date, body: rowsToCsv(good), contentType: 'text/csv' }) },
    { name: 'an unknown pair', status: 404, code: 'reconciliation-pair-not-found', run: () => upload({ viewer: lenderA, date, body: rowsToCsv(good), contentType: 'text/csv', pair: '00000000-0000-4000-8000-000000000000' }) },
    { name: 'a regulator', status: 403, code: 'forbidden', run: () => upload({ viewer: regulator, date, body: rowsToCsv(good), contentType: 'text/csv' }) },
    { name: 'a date that is not a date', status: 400, code: 'invalid-request', run: () => upload({ viewer: lenderA, date: '2026-02-30', body: rowsToCsv(good), contentType: 'text/csv', now: morningAfter(date) }) },
    { name: 'a date before the pair’s first business date', status: 422, code: 'business-date-not-allowed', run: () => upload({ viewer: lenderA, date: '2026-10-31', body: rowsToCsv(good), contentType: 'text/csv' }), check: (body) => expect(body.reason).toBe('before-first-business-date') },
    { name: 'a day that has not ended yet', status: 422, code: 'business-date-not-allowed', run: () => upload({ viewer: lenderA, date, body: rowsToCsv(good), contentType: 'text/csv', now: new Date(`${date}T15:59:59.000Z`) }), check: (body) => expect(body.reason).toBe('day-not-ended') },
    { name: 'a file after the cut-off', status: 409, code: 'cut-off-passed', run: () => upload({ viewer: lenderA, date, body: rowsToCsv(good), contentType: 'text/csv', now: morningAfter(date, '02:00:00.000Z') }) },
    { name: 'the wrong carrier for the bank’s column map', status: 415, code: 'unsupported-media-type', run: () => upload({ viewer: lenderA, date, body: ndjson(good), contentType: 'application/x-ndjson' }) },
    {
      name: 'bytes that are not UTF-8',
      status: 422,
      code: 'statement-rejected',
      run: () => {
        const text = Buffer.from(rowsToCsv(good));
        const at = text.indexOf(0x0a) + 3;
        return upload({ viewer: lenderA, date, body: Buffer.concat([text.subarray(0, at), Buffer.of(0xff, 0xfe), text.subarray(at)]), contentType: 'text/csv' });
      },
      check: (body) => expect(body.issues).toEqual([expect.objectContaining({ line: 2, code: 'invalid-encoding' })]),
    },
    {
      name: 'bad rows, named by line and field',
      status: 422,
      code: 'statement-rejected',
      run: () => {
        const lines = rowsToCsv(good).split('\n');
        lines[4] = lines[4].replace(/,CNY$/, ',cny');
        return upload({ viewer: lenderA, date, body: lines.join('\n'), contentType: 'text/csv' });
      },
      check: (body) => {
        expect(body.issues).toEqual([expect.objectContaining({ line: 5, field: 'currency', code: 'invalid-currency' })]);
        expect(body.issueCount).toBe(1);
      },
    },
    {
      name: 'a duplicate key',
      status: 422,
      code: 'statement-rejected',
      run: () => upload({ viewer: systemB, date, body: ndjson([...good, { ...good[3], totalFen: good[3].totalFen }]), contentType: 'application/x-ndjson' }),
      check: (body) => expect(body.issues).toEqual([expect.objectContaining({ line: 21, code: 'duplicate-key' })]),
    },
    { name: 'an oversize file', status: 413, code: 'upload-too-large', run: () => upload({ viewer: lenderA, date, body: rowsToCsv(good), contentType: 'text/csv', maxBytes: 512 }) },
  ];

  for (const refused of cases) {
    it(`${refused.name} → ${refused.status} ${refused.code}`, async () => {
      const before = await storedState();
      const { status, body } = await refusal(refused.run);
      expect([status, body.code]).toEqual([refused.status, refused.code]);
      refused.check?.(body);
      expect(await storedState()).toEqual(before);
    });
  }

  it('a second file for a committed day → 409; the same file under the same Idempotency-Key → the first answer again; that key with another file → 422', async () => {
    const first = await upload({ viewer: lenderA, date, body: rowsToCsv(good), contentType: 'text/csv', idempotencyKey: 'day-2026-12-03-a' });
    expect(first.status).toBe(201);
    const before = await storedState();
    const again = await upload({ viewer: lenderA, date, body: rowsToCsv(good), contentType: 'text/csv', idempotencyKey: 'day-2026-12-03-a' });
    expect([again.status, again.replayed, again.bodyText]).toEqual([201, true, first.bodyText]);
    const other = rowsToCsv(good.slice(1));
    expect(await refusal(() => upload({ viewer: lenderA, date, body: other, contentType: 'text/csv' }))).toMatchObject({ status: 409, body: { code: 'side-already-committed' } });
    expect(await refusal(() => upload({ viewer: lenderA, date, body: other, contentType: 'text/csv', idempotencyKey: 'day-2026-12-03-a' }))).toMatchObject({
      status: 422,
      body: { code: 'idempotency-key-reused' },
    });
    expect(await storedState()).toEqual(before);
  });
});

describe('after a crash', () => {
  it('removes side directories no row names once they are an hour old, and keeps every committed side', async () => {
    const sidesDir = path.join(services.config.storageDir, 'reconciliation', 'sides');
    const orphan = path.join(sidesDir, randomUUID());
    const young = path.join(sidesDir, randomUUID());
    await mkdir(orphan, { recursive: true });
    await writeFile(path.join(orphan, 'rows.bin'), 'left by a killed upload');
    await mkdir(young, { recursive: true });
    const hourAgo = new Date(Date.now() - 61 * 60 * 1000);
    await utimes(orphan, hourAgo, hourAgo);
    const committed = (await readdir(sidesDir)).filter((name) => name !== path.basename(orphan) && name !== path.basename(young));
    expect(await removeOrphanSideDirectories({ prisma: services.prisma, storageDir: services.config.storageDir })).toBe(1);
    expect((await readdir(sidesDir)).sort()).toEqual([...committed, path.basename(young)].sort());
    await rm(young, { recursive: true });
  });
});

describe('at the same time', () => {
  it('both banks uploading together: both sides commit and exactly one statement is drafted', async () => {
    const date = '2026-12-05';
    const rows = generateStatementRows({ count: 400, seed: 71, date });
    const [fromA, fromB] = await Promise.all([
      upload({ viewer: lenderA, date, body: rowsToCsv(rows), contentType: 'text/csv' }),
      upload({ viewer: lenderB, date, body: ndjson(rows.slice(1)), contentType: 'application/x-ndjson' }),
    ]);
    expect([fromA.status, fromB.status]).toEqual([201, 201]);
    // The pair's lock lets exactly one of them see the other side in.
    expect([JSON.parse(fromA.bodyText).bothSidesIn, JSON.parse(fromB.bodyText).bothSidesIn].sort()).toEqual([false, true]);
    const statements = await services.prisma.reconciliationStatement.findMany({ where: { pairId, businessDate: date } });
    expect(statements.map((s) => [s.matched, s.onlyA])).toEqual([[399, 1]]);
  });

  it('one file sent twice at once under one Idempotency-Key: one side, one answer given twice', async () => {
    const date = '2026-12-06';
    const text = rowsToCsv(generateStatementRows({ count: 300, seed: 72, date }));
    const replies = await Promise.all([1, 2].map(() => upload({ viewer: lenderA, date, body: text, contentType: 'text/csv', idempotencyKey: 'twice-2026-12-06' })));
    expect(replies.map((r) => r.status)).toEqual([201, 201]);
    expect(replies[0].bodyText).toBe(replies[1].bodyText);
    expect(replies.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await services.prisma.reconciliationSide.count({ where: { pairId, businessDate: date } })).toBe(1);
  });
});

describe('who reads a pair', () => {
  const date = '2026-12-01';
  const reads: Array<[string, (viewer: Viewer) => Promise<unknown>]> = [
    ['the pair list', (viewer) => listReconciliationPairs({ prisma: services.prisma, viewer }).then((r) => { if (!r.pairs.some((p) => p.id === pairId)) throw new Error('hidden'); })],
    ['the days', (viewer) => listReconciliationDays({ prisma: services.prisma, viewer, pairId })],
    ['a day', (viewer) => getReconciliationDay({ prisma: services.prisma, viewer, pairId, businessDate: date })],
    ['the breaks', (viewer) => listReconciliationBreaks({ prisma: services.prisma, viewer, pairId, businessDate: date, query: breaksQuerySchema.parse({}) })],
  ];
  for (const [name, read] of reads) {
    it(`${name}: both banks yes; an outsider bank 404 (or not listed); a regulator 403`, async () => {
      await read(lenderA);
      await read(systemB);
      const outsiderAnswer = await read(outsider).then(
        () => 'ok',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(outsiderAnswer === 'hidden' || /No co-lending pair/.test(outsiderAnswer)).toBe(true);
      expect((await refusal(() => read(regulator))).status).toBe(403);
    });
  }

  it('the pair list says which bank the caller is and never carries the pair key', async () => {
    const { pairs } = await listReconciliationPairs({ prisma: services.prisma, viewer: systemB });
    const pair = pairs.find((p) => p.id === pairId)!;
    expect(pair).toMatchObject({ yourBank: 'B', cutOffTime: '10:00', timeZone: 'Asia/Shanghai', yourColumnMap: { carrier: 'ndjson' } });
    expect(JSON.stringify(pairs)).not.toContain(toHex(pairKey).slice(2, 20));
    expect(pairs.some((p) => p.name.includes('(Demo)'))).toBe(true);
  });
});

describe('a bank that sends fixed-width GBK', () => {
  const fixedWidthMap = {
    carrier: 'fixed-width',
    encoding: 'gbk',
    headerLine: true,
    fields: SAMPLE_FIXED_WIDTH_FIELDS,
    values: { status: { 成功: 'settled' } },
  } as const;
  const settings = (columnMapB: unknown) => ({
    name: `Fixed-width pair ${randomUUID()}`,
    cutOffTime: '10:00',
    firstBusinessDate: '2026-11-01',
    toleranceRules: [],
    columnMapA: { carrier: 'csv', encoding: 'utf-8' } as const,
    columnMapB: columnMapB as PairSettings['columnMapB'],
  });
  const create = (columnMapB: unknown) =>
    createReconciliationPair({
      prisma: services.prisma,
      settings: settings(columnMapB),
      lenderA: lenderA.organizationId,
      lenderB: lenderB.organizationId,
      pairKey,
      keySecret: services.secrets.reconciliationKeySecret,
      actor: SYSTEM_ACTOR,
    });

  it('a pair whose fixed-width map overlaps is refused with the field named (400), and no pair is created', async () => {
    const pairs = await services.prisma.reconciliationPair.count();
    const overlapping = { ...fixedWidthMap, fields: { ...SAMPLE_FIXED_WIDTH_FIELDS, valueDate: { offset: 65, length: 10 } } };
    const refused = await refusal(() => create(overlapping));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('valueDate (bytes 65–74) overlaps accountingDate (bytes 60–69).');
    expect(await services.prisma.reconciliationPair.count()).toBe(pairs);
  });

  it('commits its GBK fixed-width day against the other bank’s CSV with no break; the wrong Content-Type is 415', async () => {
    const { pairId: fixedPair } = await create(fixedWidthMap);
    const date = '2026-12-05';
    const rows = generateStatementRows({ count: 500, seed: 51, date });
    const fixedWidth = rowsToFixedWidth(rows).replaceAll('settled ', '成功    ');
    const body = encodeGbk(`借据号 交易流水号 (header line, skipped)\r\n${fixedWidth}`);
    const wrongType = await refusal(() => upload({ viewer: systemB, date, body, contentType: 'text/csv', pair: fixedPair }));
    expect(wrongType.status).toBe(415);
    expect((await upload({ viewer: lenderA, date, body: rowsToCsv(rows), contentType: 'text/csv', pair: fixedPair })).status).toBe(201);
    const second = await upload({ viewer: systemB, date, body, contentType: 'text/plain', pair: fixedPair });
    expect(JSON.parse(second.bodyText)).toMatchObject({ bothSidesIn: true, side: { bank: 'B', rowCount: 500 } });
    const day = await getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId: fixedPair, businessDate: date });
    expect(day.statement!.counts).toMatchObject({ matched: 500, onlyA: 0, onlyB: 0, fieldMismatch: 0 });
    expect(day.sides.a!.root).toBe(day.sides.b!.root);
  });
});

describe('timing breaks: a record the other bank books a day late', () => {
  const dayD = '2026-12-10';
  const dayNext = '2026-12-11';
  const rows = generateStatementRows({ count: 300, seed: 61, date: dayD });
  const laterRows = generateStatementRows({ count: 200, seed: 62, date: dayNext, firstIndex: 1000 });
  const bookedNextDay = (row: ReconciliationRow): ReconciliationRow => ({ ...row, accountingDate: dayNext, valueDate: dayNext });
  // A books these on D, B on D+1 (on its own dates, or keeping D's dates); B books these on D, A on D+1.
  const aFirst = rows.slice(0, 5);
  const aFirstSameDates = rows.slice(5, 7);
  const bFirst = rows.slice(7, 12);
  // A books it on D, B on D+1 with another amount: not a late booking of the same record.
  const otherAmount = rows[12];
  // A books it on D; B never does.
  const never = rows[13];
  const late = new Set([...aFirst, ...aFirstSameDates, ...bFirst, otherAmount, never]);
  const both = rows.filter((row) => !late.has(row));
  const sideAOnD = [...both, ...aFirst, ...aFirstSameDates, otherAmount, never];
  const sideBOnD = [...both, ...bFirst];
  const sideAOnNext = [...laterRows, ...bFirst.map(bookedNextDay)];
  const changedAmount = { ...bookedNextDay(otherAmount), totalFen: otherAmount.totalFen + 100, shareBFen: otherAmount.shareBFen + 100 };
  changedAmount.ratioBp = 0;
  changedAmount.shareAFen = 0;
  changedAmount.shareBFen = changedAmount.totalFen;
  const sideBOnNext = [...laterRows, ...aFirst.map(bookedNextDay), ...aFirstSameDates, changedAmount];
  const keyOf = (row: ReconciliationRow) => toHex(matchKey(keys, row));
  let timingPair: string;

  beforeAll(async () => {
    ({ pairId: timingPair } = await createReconciliationPair({
      prisma: services.prisma,
      settings: {
        name: `Timing pair ${randomUUID()}`,
        cutOffTime: '10:00',
        firstBusinessDate: '2026-11-01',
        toleranceRules: [],
        columnMapA: { carrier: 'csv', encoding: 'utf-8' },
        columnMapB: { carrier: 'csv', encoding: 'utf-8' },
      },
      lenderA: lenderA.organizationId,
      lenderB: lenderB.organizationId,
      pairKey,
      keySecret: services.secrets.reconciliationKeySecret,
      actor: SYSTEM_ACTOR,
    }));
  });

  const breaksOf = async (date: string) => {
    const items: BreakPage['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await listReconciliationBreaks({
        prisma: services.prisma,
        viewer: lenderB,
        pairId: timingPair,
        businessDate: date,
        query: breaksQuerySchema.parse({ limit: '50', ...(cursor ? { cursor } : {}) }),
      });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };
  const uploadDay = async (date: string, a: ReconciliationRow[], b: ReconciliationRow[]) => {
    expect((await upload({ viewer: lenderA, date, body: rowsToCsv(a), contentType: 'text/csv', pair: timingPair })).status).toBe(201);
    expect((await upload({ viewer: systemB, date, body: rowsToCsv(b), contentType: 'text/csv', pair: timingPair })).status).toBe(201);
    return getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId: timingPair, businessDate: date });
  };

  it('closes D’s breaks from D+1 as timing, lists none of them as a new only-A/only-B, and keeps D’s statement as signed', async () => {
    const d = await uploadDay(dayD, sideAOnD, sideBOnD);
    expect(d.statement!.document.version).toBe(1);
    expect(d.statement!.counts).toMatchObject({ onlyA: 9, onlyB: 5, timing: 0 });

    const next = await uploadDay(dayNext, sideAOnNext, sideBOnNext);
    const document = next.statement!.document;
    expect(document.version).toBe(2);
    expect(document.version === 2 && document.carryOver).toEqual({ businessDate: dayD, statementSha256: d.statement!.sha256 });
    expect(next.statement!.counts).toMatchObject({ matched: 200, onlyA: 0, onlyB: 1, fieldMismatch: 0, timing: 12 });

    // D+1: every late booking is timing, closing D; the one with another amount is a plain only-B.
    const listedNext = await breaksOf(dayNext);
    const timing = listedNext.filter((item) => item.class === 'timing');
    expect(timing.map((item) => item.key).sort()).toEqual([...aFirst, ...aFirstSameDates, ...bFirst].map(keyOf).sort());
    for (const item of timing) {
      expect(item.closes).toEqual({ businessDate: dayD });
      const sameDates = aFirstSameDates.some((row) => keyOf(row) === item.key);
      expect(item.fields).toEqual(sameDates ? [] : ['accountingDate', 'valueDate']);
      expect(aFirst.some((row) => keyOf(row) === item.key) || aFirstSameDates.some((row) => keyOf(row) === item.key) ? item.indexB : item.indexA).not.toBeNull();
    }
    expect(listedNext.filter((item) => item.class !== 'timing').map((item) => [item.class, item.key, item.closes])).toEqual([['only-b', keyOf(otherAmount), null]]);
    const nextBreaks: StatementBreak[] = listedNext.map(({ ordinal: _o, closedBy: _c, closes: _d, ...entry }) => entry);
    expect(verifyStatement(document, { trustedIssuers: [issuer.address], breaks: nextBreaks })).toMatchObject({ ok: true, sha256: next.statement!.sha256 });

    // D: the closed breaks name D+1; the other amount and the row B never booked stay open. D's
    // statement and break list are unchanged, so it still verifies as signed.
    const listedD = await breaksOf(dayD);
    const closed = listedD.filter((item) => item.closedBy !== null);
    expect(closed.map((item) => item.key).sort()).toEqual(timing.map((item) => item.key).sort());
    expect(closed.every((item) => item.closedBy!.businessDate === dayNext && item.closedBy!.class === 'timing')).toBe(true);
    expect(listedD.filter((item) => item.closedBy === null).map((item) => item.key).sort()).toEqual([keyOf(otherAmount), keyOf(never)].sort());
    const dBreaks: StatementBreak[] = listedD.map(({ ordinal: _o, closedBy: _c, closes: _d, ...entry }) => entry);
    expect(verifyStatement(d.statement!.document, { trustedIssuers: [issuer.address], breaks: dBreaks })).toMatchObject({ ok: true });

    await flushAuditOutbox(services.prisma);
    const statementD = await services.prisma.reconciliationStatement.findFirstOrThrow({ where: { pairId: timingPair, businessDate: dayD } });
    const closing = await services.prisma.auditEntry.findMany({ where: { action: 'reconciliation.breaks_closed_as_timing', targetId: statementD.id } });
    expect(closing.map((entry) => [entry.actorLabel, (entry.details as { closedBy: string }).closedBy, (entry.details as { breaks: number }).breaks])).toEqual([['system', dayNext, 12]]);
  });

  it('finds every timing break the generated corpus injects among breaks of every other class, and nothing else', async () => {
    const [d, d1] = ['2026-12-14', '2026-12-15'];
    const day = injectBreaks({ rows: generateStatementRows({ count: 2000, seed: 71, date: d }), rate: 0.03, seed: 72 });
    const next = injectBreaks({ rows: generateStatementRows({ count: 2000, seed: 73, date: d1, firstIndex: 10_000 }), rate: 0.03, seed: 74 });
    const { day: sidesD, next: sidesNext, timing } = injectTimingBreaks({ day, next, count: 40, seed: 75, nextDate: d1 });
    expect(timing.filter((t) => t.lateBank === 'a').length * timing.filter((t) => t.fields.length === 0).length).toBeGreaterThan(0);
    const viewD = await uploadDay(d, sidesD.a, sidesD.b);
    const count = (injected: { injected: string }[], kind: string) => injected.filter((i) => i.injected === kind).length;
    expect(viewD.statement!.counts).toMatchObject({
      onlyA: count(day.injected, 'only-a') + timing.filter((t) => t.lateBank === 'b').length,
      onlyB: count(day.injected, 'only-b') + timing.filter((t) => t.lateBank === 'a').length,
    });
    const viewNext = await uploadDay(d1, sidesNext.a, sidesNext.b);
    expect(viewNext.statement!.counts).toMatchObject({ timing: 40, onlyA: count(next.injected, 'only-a'), onlyB: count(next.injected, 'only-b') });
    const listed = await breaksOf(d1);
    const summary = (key: string, fields: string[]) => `${key} ${fields.join(',')}`;
    expect(listed.filter((item) => item.class === 'timing').map((item) => summary(item.key, item.fields)).sort()).toEqual(
      timing.map((t) => summary(toHex(matchKey(keys, t.row)), t.fields)).sort(),
    );
    expect((await breaksOf(d)).filter((item) => item.closedBy !== null)).toHaveLength(40);
  });

  it('the demo seed’s second day shows timing breaks that close the first day’s', async () => {
    const demoPair = await services.prisma.reconciliationPair.findUniqueOrThrow({ where: { name: DEMO_RECONCILIATION_PAIR.name } });
    const [first, second] = DEMO_RECONCILIATION_DAYS;
    const view = await getReconciliationDay({ prisma: services.prisma, viewer: lenderA, pairId: demoPair.id, businessDate: second });
    expect(view.statement!.counts.timing).toBe(4);
    expect(view.statement!.document).toMatchObject({ version: 2, carryOver: { businessDate: first } });
    const closed = await services.prisma.reconciliationBreak.count({ where: { statement: { pairId: demoPair.id, businessDate: first }, closedByDate: second } });
    expect(closed).toBe(4);
  });

  it('lists a day’s timing breaks by class', async () => {
    const page = await listReconciliationBreaks({
      prisma: services.prisma,
      viewer: lenderA,
      pairId: timingPair,
      businessDate: dayNext,
      query: breaksQuerySchema.parse({ class: 'timing' }),
    });
    expect(page.items).toHaveLength(12);
  });
});
