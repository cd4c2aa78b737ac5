// PUT /api/v1/reconciliation/pairs/{pairId}/days/{businessDate}/statement: one bank's statement for
// one day, committed whole or not at all. The bank is the caller's organization (A or B of the pair;
// any other organization gets "not found"). The body streams to a temporary file under STORAGE_DIR
// (hashed and bounded on the way), is committed by the engine (commitSide; a blind pair's blind
// carrier by commitBlindSide, §14.2) into the side's own directory, and only then, in one transaction under the pair's lock, the side row, its signed
// receipt (chained to the bank's previous one), its audit entry and the Idempotency-Key's reply are
// written. Every refusal removes what it wrote to disk. A resumable upload (resumable-statement-upload.ts)
// comes here once its last byte arrived, with the file it stored (`{ arrived }`): every check runs again
// and the side is committed the same way. When this side completes the day, the
// statement is drafted right after the commit (draft-day-statement.ts; the batcher finishes it if
// this process dies first).
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { chainAuditOutboxAfterCommit, enqueueAuditEntries } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import type { ReconciliationPair } from '../db/generated/client';
import { RECONCILIATION_PAIR_LOCK_KEY } from '../db/locks';
import { db, runQuery, runStatement, sql } from '../db/sql';
import { withPgTransaction } from '../db/with-pg-transaction';
import { findStoredReply, replay, storeIngestReply, type IdempotencyScope, type IngestReply } from '../evidence/ingest-idempotently';
import { BusinessDateNotAllowedError, SideAlreadyCommittedError, UnsupportedMediaTypeError } from '../errors';
import { fromHex, toHex } from '../proof/hex';
import { streamToTemporaryFile, type TemporaryFile } from '../storage/stream-to-temporary-file';
import { assertUploadWindow, parseBusinessDate } from './business-day-window';
import { COMMIT_WORKERS } from './commit-rows-pool';
import { BLIND_SIDE_MEDIA_TYPE } from './blind-carrier';
import { commitBlindSide } from './commit-blind-side';
import { commitSide } from './commit-side';
import { derivePairKeys } from './derive-pair-keys';
import { draftDayStatement } from './draft-day-statement';
import { loadMemberPair } from './load-member-pair';
import { decryptPairKey } from './pair-key-encryption';
import { columnMapSchema, STATEMENT_MEDIA_TYPES, type StatementUploadResult } from './reconciliation-schemas';
import { sideViewOf } from './reconciliation-views';
import { buildSideReceipt, signSideReceipt, sideReceiptSha256 } from './side-receipt';


export interface StatementUploadReply extends IngestReply {
  /** Set when this upload completed the day and the statement was drafted (or already was). */
  statementId: string | null;
}

export async function commitStatementUpload({
  prisma,
  viewer,
  pairId,
  businessDate: rawDate,
  contentType,
  body,
  idempotencyKey,
  storageDir,
  maxBytes,
  keySecret,
  issuer,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  viewer: Viewer;
  pairId: string;
  businessDate: string;
  contentType: string | null;
  /** The bytes as they arrive (PUT), or a file that arrived whole (a resumable upload), which stays the
   * caller's: the side's directory gets a link to it. */
  body: Readable | AsyncIterable<Uint8Array> | { arrived: TemporaryFile };
  idempotencyKey: string | null;
  storageDir: string;
  maxBytes: number;
  /** RECONCILIATION_KEY_SECRET, which opens the pair key. */
  keySecret: string;
  issuer: Issuer;
  /** The clock the cut-off and the receipt's commit time are read from. */
  now?: () => Date;
}): Promise<StatementUploadReply> {
  authorize(viewer, 'reconciliation.submit');
  const bankViewer = viewer as StaffViewer | ApiKeyViewer;
  const { pair, bank } = await loadMemberPair({ prisma, viewer: bankViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const columnMap = columnMapSchema.parse(bank === 'A' ? pair.columnMapA : pair.columnMapB);
  // A blind pair's banks send the blind carrier (§14.1), whatever their own statements are written in.
  const blind = pair.mode === 'blind';
  const mediaType = statementMediaType({ bank, carrier: columnMap.carrier, contentType, blind });
  // Both transports are one request for Idempotency-Key: the day's statement of this bank, this file.
  const endpoint = `PUT /api/v1/reconciliation/pairs/${pair.id}/days/${businessDate}/statement`;
  const scope: IdempotencyScope | null = idempotencyKey === null ? null : { organizationId: bankViewer.organizationId, key: idempotencyKey };
  const requestSha256 = (file: TemporaryFile) =>
    new Uint8Array(createHash('sha256').update(`${endpoint}\n${mediaType}\n`).update(file.sha256).digest());
  const receive = () => ('arrived' in body ? Promise.resolve(body.arrived) : streamToTemporaryFile({ storageDir, source: body, maxBytes }));

  let upload: TemporaryFile | null = null;
  try {
    const earlier = scope ? await findStoredReply(prisma, scope) : null;
    if (earlier) {
      // The same key again: the same file gets the first answer, another file is refused (422).
      upload = await receive();
      return { ...replay(earlier, scope!, requestSha256(upload)), statementId: null };
    }
    assertUploadWindow({ businessDate, firstBusinessDate: pair.firstBusinessDate, cutOffTime: pair.cutOffTime, now: now() });
    const committed = await prisma.reconciliationSide.findUnique({ where: { pairId_businessDate_bank: { pairId: pair.id, businessDate, bank } } });
    if (committed) throw new SideAlreadyCommittedError(businessDate, bank);

    const received = await receive();
    upload = received;
    // Judged when the last byte arrived: a file still arriving at the cut-off is late.
    assertUploadWindow({ businessDate, firstBusinessDate: pair.firstBusinessDate, cutOffTime: pair.cutOffTime, now: now() });

    const sideId = randomUUID();
    const relativeDirectory = path.join('reconciliation', 'sides', sideId);
    const directory = path.join(storageDir, relativeDirectory);
    let reply: { status: number; bodyText: string; completesDay: boolean };
    try {
      // On the process's pool of worker threads: the server keeps answering while a large side commits.
      const side = blind
        ? await commitBlindSide({ source: received.path, directory, workers: COMMIT_WORKERS })
        : await commitSide({
            source: received.path,
            columnMap,
            keys: derivePairKeys(decryptPairKey({ encrypted: pair.encryptedPairKey!, pairId: pair.id, secret: keySecret })),
            directory,
            workers: COMMIT_WORKERS,
          });
      await mkdir(directory, { recursive: true });
      await link(received.path, path.join(directory, blind ? 'statement.blind.ndjson' : `statement.${columnMap.carrier}`));
      reply = await recordSide({
        prisma,
        viewer: bankViewer,
        pair,
        bank,
        businessDate,
        sideId,
        relativeDirectory,
        file: received,
        side,
        issuer,
        committedAt: new Date(Math.floor(now().getTime())),
        scope,
        requestSha256: requestSha256(received),
      });
    } catch (error) {
      // Nothing was committed: the side's files go with the refusal.
      await rm(directory, { recursive: true, force: true });
      throw error;
    }
    await chainAuditOutboxAfterCommit(prisma);
    let statementId: string | null = null;
    if (reply.completesDay) {
      try {
        statementId = (await draftDayStatement({ prisma, storageDir, pairId: pair.id, businessDate, issuer, now }))?.statementId ?? null;
      } catch (error) {
        // The side is committed and acknowledged; the batcher drafts the statement on its next tick.
        console.warn(`[evident] statement of pair ${pair.id} on ${businessDate} not drafted yet (the batcher retries): ${(error as Error).message}`);
      }
    }
    return { status: reply.status, bodyText: reply.bodyText, replayed: false, statementId };
  } catch (error) {
    if (scope && (error instanceof SideAlreadyCommittedError || error instanceof IdempotencyRaceLost)) {
      // A concurrent request with the same key committed first: the same file gets its answer.
      const winner = await findStoredReply(prisma, scope);
      if (winner) {
        upload ??= await receive();
        return { ...replay(winner, scope, requestSha256(upload)), statementId: null };
      }
    }
    throw error;
  } finally {
    if (upload && !('arrived' in body)) await rm(upload.path, { force: true });
  }
}

/** The statement's media type, which must be the carrier of the bank's column map (415 otherwise). */
export function statementMediaType({
  bank,
  carrier,
  contentType,
  blind = false,
}: {
  bank: 'A' | 'B';
  carrier: keyof typeof STATEMENT_MEDIA_TYPES;
  contentType: string | null;
  /** A blind pair: the blind carrier (§14.1), whatever the bank's own statements are written in. */
  blind?: boolean;
}): string {
  const expectedType = blind ? BLIND_SIDE_MEDIA_TYPE : STATEMENT_MEDIA_TYPES[carrier];
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== expectedType) {
    throw new UnsupportedMediaTypeError(
      `Bank ${bank}'s statements for this pair are ${blind ? 'blind sides (NDJSON of keys and commitments)' : carrier.toUpperCase()}: send Content-Type ${expectedType}${mediaType ? `, not ${mediaType}` : ''}.`,
    );
  }
  return mediaType;
}

class IdempotencyRaceLost extends Error {}

async function recordSide({
  prisma,
  viewer,
  pair,
  bank,
  businessDate,
  sideId,
  relativeDirectory,
  file,
  side,
  issuer,
  committedAt,
  scope,
  requestSha256,
}: {
  prisma: PrismaClient;
  viewer: StaffViewer | ApiKeyViewer;
  pair: ReconciliationPair;
  bank: 'A' | 'B';
  businessDate: string;
  sideId: string;
  relativeDirectory: string;
  file: TemporaryFile;
  side: Awaited<ReturnType<typeof commitSide>>;
  issuer: Issuer;
  committedAt: Date;
  scope: IdempotencyScope | null;
  requestSha256: Uint8Array;
}): Promise<{ status: number; bodyText: string; completesDay: boolean }> {
  return withPgTransaction(prisma, async (tx) => {
    await runStatement(tx, sql`SELECT pg_advisory_xact_lock(${sql.lit(RECONCILIATION_PAIR_LOCK_KEY)}, hashtext(${pair.id}))`);
    const [latest] = await runQuery(
      tx,
      db
        .selectFrom('reconciliation_side')
        .select(['business_date', 'receipt_sha256'])
        .where('pair_id', '=', pair.id)
        .where('bank', '=', bank)
        .orderBy('business_date', 'desc')
        .limit(1),
    );
    if (latest?.business_date === businessDate) throw new SideAlreadyCommittedError(businessDate, bank);
    if (latest && latest.business_date > businessDate) {
      throw new BusinessDateNotAllowedError(
        businessDate,
        'before-last-committed-day',
        `Bank ${bank} already committed ${latest.business_date}; its receipts chain day by day, so an earlier date cannot follow.`,
      );
    }
    const receipt = await signSideReceipt(
      buildSideReceipt({
        pairId: pair.id,
        businessDate,
        bank,
        fileSha256: toHex(file.sha256),
        fileSize: file.size,
        root: toHex(side.root),
        rowCount: side.rowCount,
        controlTotals: side.controlTotals,
        previousReceiptSha256: latest ? toHex(latest.receipt_sha256) : null,
        committedAt,
        issuer: { name: issuer.name, address: issuer.address },
        mode: pair.mode,
      }),
      issuer.wallet,
    );
    const receiptSha256 = sideReceiptSha256(receipt);
    const row = {
      id: sideId,
      pairId: pair.id,
      businessDate,
      bank,
      fileSha256: file.sha256,
      fileSize: BigInt(file.size),
      rowCount: side.rowCount,
      root: side.root,
      controlTotals: receipt.controlTotals,
      directory: relativeDirectory,
      receipt: JSON.stringify(receipt),
      receiptSha256: fromHex(receiptSha256),
      previousReceiptSha256: latest ? new Uint8Array(latest.receipt_sha256) : null,
      committedAt,
      submittedBy: auditActorOf(viewer).label,
    };
    await runStatement(
      tx,
      db.insertInto('reconciliation_side').values({
        id: row.id,
        pair_id: row.pairId,
        business_date: row.businessDate,
        bank: row.bank,
        file_sha256: Buffer.from(row.fileSha256),
        file_size: row.fileSize,
        row_count: row.rowCount,
        root: Buffer.from(row.root),
        control_totals: JSON.stringify(row.controlTotals),
        directory: row.directory,
        receipt: row.receipt,
        receipt_sha256: Buffer.from(row.receiptSha256),
        previous_receipt_sha256: row.previousReceiptSha256 && Buffer.from(row.previousReceiptSha256),
        committed_at: row.committedAt,
        submitted_by: row.submittedBy,
      }),
    );
    await enqueueAuditEntries(tx, [
      {
        actor: auditActorOf(viewer),
        action: 'reconciliation.side_commit',
        targetType: 'reconciliation_side',
        targetId: sideId,
        details: { pairId: pair.id, businessDate, bank, mode: pair.mode, rowCount: side.rowCount, root: toHex(side.root), fileSha256: toHex(file.sha256), receiptSha256 },
      },
    ]);
    const [other] = await runQuery(
      tx,
      db
        .selectFrom('reconciliation_side')
        .select('id')
        .where('pair_id', '=', pair.id)
        .where('business_date', '=', businessDate)
        .where('bank', '=', bank === 'A' ? 'B' : 'A'),
    );
    const result: StatementUploadResult = {
      pairId: pair.id,
      businessDate,
      side: sideViewOf(row),
      bothSidesIn: other !== undefined,
    };
    const reply = { status: 201, bodyText: JSON.stringify(result), requestSha256 };
    if (scope && !(await storeIngestReply(tx, scope, reply))) throw new IdempotencyRaceLost();
    return { status: reply.status, bodyText: reply.bodyText, completesDay: other !== undefined };
  });
}
