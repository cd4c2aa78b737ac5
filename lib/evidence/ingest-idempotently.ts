// Idempotency-Key for the ingest endpoints. The first response to a key is stored in the same
// transaction as the evidence it reports, so either both exist or neither does. A retry with the
// same key and the same request gets that response again and stores nothing; the same key with a
// different request is refused (422). Two simultaneous requests with one key both run, but only
// one can store its record: the other's transaction rolls back and it answers with the winner's
// response.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/client';
import { db, runQuery, runStatement, sql } from '../db/sql';
import { withPgTransaction, type PgTransaction } from '../db/with-pg-transaction';
import { IdempotencyKeyReusedError, InvalidRequestError } from '../errors';
import { bytesEqual } from '../proof/bytes-equal';

export interface IdempotencyScope {
  organizationId: string;
  key: string;
}

export interface IngestReply {
  status: number;
  /** JSON text of the response body, exactly as first sent. */
  bodyText: string;
  /** True when this is the stored response to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Validates an Idempotency-Key header value; null when the header is absent. */
export function parseIdempotencyKey(header: string | null): string | null {
  if (header === null) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new InvalidRequestError('Idempotency-Key: expected 1 to 255 visible ASCII characters, e.g. a UUID.');
  }
  return header;
}

class IdempotencyRaceLost extends Error {}

export async function ingestIdempotently<Prepared>({
  prisma,
  scope,
  hashRequest,
  prepare,
  ingest,
}: {
  prisma: PrismaClient;
  scope: IdempotencyScope | null;
  /** SHA-256 identifying the request, for when an earlier response exists and ingest does not run. */
  hashRequest: () => Promise<Uint8Array>;
  /** Work done before the transaction opens (parsing, validation), so it holds no connection meanwhile. */
  prepare: () => Prepared;
  /** Stores the evidence in `tx` and returns the response, and the request's SHA-256 as hashRequest would. */
  ingest: (tx: PgTransaction, prepared: Prepared) => Promise<{ status: number; bodyText: string; requestSha256: Uint8Array }>;
}): Promise<IngestReply> {
  if (scope) {
    const earlier = await findStoredReply(prisma, scope);
    if (earlier) return replay(earlier, scope, await hashRequest());
  }
  const prepared = prepare();
  let requestSha256: Uint8Array | undefined;
  try {
    return await withPgTransaction(prisma, async (tx) => {
      const reply = await ingest(tx, prepared);
      requestSha256 = reply.requestSha256;
      if (scope) await storeReply(tx, scope, reply);
      return { status: reply.status, bodyText: reply.bodyText, replayed: false };
    });
  } catch (error) {
    if (!(error instanceof IdempotencyRaceLost) || !scope || !requestSha256) throw error;
    const winner = await findStoredReply(prisma, scope);
    if (!winner) throw new Error(`Idempotency record ${scope.key} conflicted but cannot be read`);
    return replay(winner, scope, requestSha256);
  }
}

export interface StoredReply {
  request_sha256: Uint8Array;
  response_status: number;
  response_body: string;
}

/** The response stored under `scope`, if a request with that key was ingested. */
export async function findIngestReply(prisma: PrismaClient, scope: IdempotencyScope): Promise<Omit<IngestReply, 'replayed'> | null> {
  const stored = await findStoredReply(prisma, scope);
  return stored && { status: stored.response_status, bodyText: stored.response_body };
}

/** The stored reply under `scope` with the SHA-256 of the request that made it (replay compares it). */
export async function findStoredReply(prisma: PrismaClient, scope: IdempotencyScope): Promise<StoredReply | null> {
  const rows = await runQuery(
    prisma,
    sql<StoredReply>`
    SELECT request_sha256, response_status, response_body FROM idempotency_record
    WHERE organization_id = ${scope.organizationId}::uuid AND key = ${scope.key}`,
  );
  return rows[0] ?? null;
}

/** The stored reply again, if `requestSha256` is the request that made it; else IdempotencyKeyReusedError. */
export function replay(stored: StoredReply, scope: IdempotencyScope, requestSha256: Uint8Array): IngestReply {
  if (!bytesEqual(stored.request_sha256, requestSha256)) {
    throw new IdempotencyKeyReusedError(scope.key);
  }
  return { status: stored.response_status, bodyText: stored.response_body, replayed: true };
}

async function storeReply(
  tx: PgTransaction,
  scope: IdempotencyScope,
  reply: { status: number; bodyText: string; requestSha256: Uint8Array },
): Promise<void> {
  if (!(await storeIngestReply(tx, scope, reply))) throw new IdempotencyRaceLost();
}

/** Stores the first reply under `scope` in the caller's transaction; false when a concurrent request
 * with the same key stored one first (roll back and replay theirs). */
export async function storeIngestReply(
  tx: PgTransaction,
  scope: IdempotencyScope,
  reply: { status: number; bodyText: string; requestSha256: Uint8Array },
): Promise<boolean> {
  const rowCount = await runStatement(
    tx,
    db
      .insertInto('idempotency_record')
      .values({
        id: randomUUID(),
        organization_id: scope.organizationId,
        key: scope.key,
        request_sha256: Buffer.from(reply.requestSha256),
        response_status: reply.status,
        response_body: reply.bodyText,
      })
      .onConflict((conflict) => conflict.columns(['organization_id', 'key']).doNothing()),
  );
  return rowCount > 0;
}
