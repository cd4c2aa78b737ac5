// RFC 3161 timestamps of reconciliation documents (spec §11.5) on the real database with the demo
// pair's two reconciled days, against the platform's embedded TSA over HTTP: every side receipt and
// statement gets one verified token over its SHA-256, once; a TSA that cannot be reached leaves a
// retry and stores no token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPem } from '../proof/pem';
import { verifyTimestampToken } from '../proof/verify-timestamp-token';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { timestampReconciliationDocuments } from './timestamp-reconciliation-documents';

let services: TestServices;

beforeAll(async () => {
  services = await startTestServices({ SEED_DEMO: 'true' });
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

const documents = async () => [
  ...(await services.prisma.reconciliationSide.findMany({ select: { receiptSha256: true, pairId: true, businessDate: true } })).map((side) => ({
    sha256: new Uint8Array(side.receiptSha256),
    kind: 'side_receipt',
    pairId: side.pairId,
    businessDate: side.businessDate,
  })),
  ...(await services.prisma.reconciliationStatement.findMany({ select: { sha256: true, pairId: true, businessDate: true } })).map((statement) => ({
    sha256: new Uint8Array(statement.sha256),
    kind: 'statement',
    pairId: statement.pairId,
    businessDate: statement.businessDate,
  })),
];

describe('timestamping side receipts and statements', () => {
  it('a TSA that cannot be reached: one failure per pass, a retry stored, no token', async () => {
    const lines: string[] = [];
    const progress = await timestampReconciliationDocuments({
      prisma: services.prisma,
      settings: { ...services.timestamping, url: 'http://127.0.0.1:9/tsa', timeoutMs: 2000 },
      log: (line) => lines.push(line),
    });
    expect(progress).toEqual({ stamped: 0, failed: 1 });
    expect(lines[0]).toMatch(/timestamp of the side receipt of pair .* failed \(attempt 1\), retry in 1 s: timestamp\.unreachable/);
    const rows = await services.prisma.reconciliationTimestamp.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ token: null, attempts: 1, kind: 'side_receipt' });
    expect(rows[0].retryAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('stamps every receipt and statement of the demo days with a verified token over its SHA-256, once', async () => {
    // The failed document waits for its back-off; make it due now.
    await services.prisma.reconciliationTimestamp.updateMany({ data: { retryAt: new Date(0) } });
    const all = await documents();
    expect(all.filter((d) => d.kind === 'side_receipt')).toHaveLength(4);
    expect(all.filter((d) => d.kind === 'statement')).toHaveLength(2);

    const progress = await timestampReconciliationDocuments({ prisma: services.prisma, settings: services.timestamping });
    expect(progress).toEqual({ stamped: 6, failed: 0 });
    const trustedRoots = services.timestamping.trustedRoots;
    for (const document of all) {
      const row = await services.prisma.reconciliationTimestamp.findUniqueOrThrow({ where: { documentSha256: document.sha256 } });
      expect(row).toMatchObject({ kind: document.kind, pairId: document.pairId, businessDate: document.businessDate, lastError: null, retryAt: null });
      const verified = await verifyTimestampToken({ token: new Uint8Array(row.token!), root: document.sha256, trustedRoots });
      expect(verified.ok, document.kind).toBe(true);
      if (verified.ok) expect(verified.timestamp.serial).toBe(row.tsaSerial);
      // The token is over this document and no other.
      const other = await verifyTimestampToken({ token: new Uint8Array(row.token!), root: new Uint8Array(32), trustedRoots });
      expect(other.ok).toBe(false);
      expect(fromPem(row.tsaChain!).length).toBeGreaterThanOrEqual(2);
    }
    expect(await timestampReconciliationDocuments({ prisma: services.prisma, settings: services.timestamping })).toEqual({ stamped: 0, failed: 0 });
  });
});
