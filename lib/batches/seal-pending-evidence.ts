// Seals the oldest pending evidence (up to maxLeaves items) into one batch: builds the RFC 9162
// Merkle tree and stores the batch with every tree level above the leaves, so proofs are read, never
// rebuilt (a leaf is its evidence row's hash, recomputed for the one sibling a proof needs).
// Evidence rows are not touched: a batch owns its organization's rows in the contiguous sequence
// range it covers. Batches are per organization (its lane) so that a lender can anchor its own
// evidence with its own consortium member key; each call seals the lane whose oldest pending item
// is the oldest of all.
//
// Built for million-item batches: the rows come back from PostgreSQL packed (72 bytes each, base64
// text in chunks, the next chunk queried while this one is hashed), the leaves and levels are hashed
// over flat buffers (lib/merkle/hash-leaf-records, build-merkle-levels), and each level is written
// as one value. The transaction runs on a pg connection: Prisma serialised the levels' bytes as JSON
// (about 1.1 s of a million-leaf seal's 2.7 s, bench/RESULTS.md). The seal is logged in the audit log, and that entry (the log's head) is recorded on
// the batch to be anchored with its root. Each seal publishes its phase timings on the
// `evident:seal` diagnostics channel.
import { randomUUID } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import { appendAuditEntry, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import type { PrismaClient } from '../db/client';
import { db, runQuery, runStatement, sql, type RawBuilder, type SqlBool } from '../db/sql';
import { withPgTransaction, type PgTransaction } from '../db/with-pg-transaction';
import { SEAL_LOCK_KEY } from '../db/locks';
import { buildMerkleLevels } from '../merkle/build-merkle-levels';
import { encodeLeaf } from '../proof/encode-leaf';
import { hashLeafRecords, LEAF_RECORD_LENGTH } from '../merkle/hash-leaf-records';
import { joinSubtreeLevels } from '../merkle/join-subtree-levels';
import { toHex } from '../proof/hex';
import { laneCondition } from './batch-of-evidence';
import { findOldestPendingEvidence } from './find-oldest-pending-evidence';
import { getSealableWatermark } from './get-sealable-watermark';

export interface SealedBatch {
  id: string;
  /** Whose evidence it holds; null for rows submitted without an organization. */
  organizationId: string | null;
  firstSequence: bigint;
  lastSequence: bigint;
  leafCount: number;
  root: Uint8Array;
}

/** What `evident:seal` subscribers receive after each seal, in milliseconds of wall time. */
export interface SealTimings {
  leafCount: number;
  /** Waiting for PostgreSQL to return the pending rows (the rest of the read overlaps hashing). */
  readRowsMs: number;
  /** Decoding the rows and hashing the leaves. */
  hashLeavesMs: number;
  buildLevelsMs: number;
  /** Writing the batch and its levels, commit included. */
  persistMs: number;
  /** The whole call: watermark, lock, all of the above. */
  totalMs: number;
}

export const sealTimingsChannel = diagnosticsChannel.channel('evident:seal');

/**
 * Rows per read: about 6 MB of base64 text, well under PostgreSQL's and V8's string limits. A power
 * of two, so each full chunk is a complete subtree (see joinSubtreeLevels).
 */
const ROWS_PER_READ = 65_536;

interface RecordChunk {
  count: number;
  first: bigint | null;
  last: bigint | null;
  wellFormed: boolean | null;
  records: string | null;
}

/** Returns the new batch, or null when nothing is pending or another process is sealing. */
export async function sealPendingEvidence({
  prisma,
  maxLeaves,
  upTo,
}: {
  prisma: PrismaClient;
  maxLeaves: number;
  /** The sealable watermark, when the caller has read it already (sealAllPendingEvidence). */
  upTo?: bigint;
}): Promise<SealedBatch | null> {
  const started = performance.now();
  const watermark = upTo ?? (await getSealableWatermark(prisma));
  if (watermark === null) return null;
  const sealed = await withPgTransaction(prisma, async (tx) => {
    const [{ locked }] = await runQuery(tx, sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK_KEY}::bigint) AS locked`);
    if (!locked) return null;
    const oldest = await findOldestPendingEvidence(tx, { upTo: watermark });
    if (!oldest) return null;
    const { organizationId, after } = oldest;

    const read = await readLeavesAndBuildLevels(tx, { organizationId, after, watermark, maxLeaves });
    if (!read) return null;
    const { levels } = read;
    const persistStarted = performance.now();

    const root = new Uint8Array(levels[levels.length - 1]);
    const batch: SealedBatch = {
      id: randomUUID(),
      organizationId,
      firstSequence: read.firstSequence,
      lastSequence: read.lastSequence,
      leafCount: levels[0].length / 32,
      root,
    };
    await insertLevels(tx, batch, levels);
    const phases = {
      readRowsMs: read.readMs,
      hashLeavesMs: read.hashMs,
      buildLevelsMs: read.buildMs,
      persistStartedAt: persistStarted,
    };
    return { batch, phases };
  });
  if (!sealed) return null;
  if (sealTimingsChannel.hasSubscribers) {
    const { persistStartedAt, ...phases } = sealed.phases;
    const finished = performance.now();
    sealTimingsChannel.publish({
      leafCount: sealed.batch.leafCount,
      ...phases,
      persistMs: finished - persistStartedAt,
      totalMs: finished - started,
    } satisfies SealTimings);
  }
  return sealed.batch;
}

/**
 * The tree over the first maxLeaves rows after `after`, read in chunks of ROWS_PER_READ: while one
 * chunk's leaves and subtree are hashed, PostgreSQL is already producing the next chunk.
 */
async function readLeavesAndBuildLevels(
  tx: PgTransaction,
  { organizationId, after, watermark, maxLeaves }: { organizationId: string | null; after: bigint; watermark: bigint; maxLeaves: number },
): Promise<{
  levels: Uint8Array[];
  firstSequence: bigint;
  lastSequence: bigint;
  readMs: number;
  hashMs: number;
  buildMs: number;
} | null> {
  const subtrees: Uint8Array[][] = [];
  let firstSequence: bigint | null = null;
  let lastSequence = after;
  let remaining = maxLeaves;
  let readMs = 0;
  let hashMs = 0;
  let buildMs = 0;
  let requested = Math.min(ROWS_PER_READ, remaining);
  const lane = laneCondition(organizationId);
  let next: Promise<RecordChunk> | null = readRecordChunk(tx, lane, after, watermark, requested);
  while (next) {
    const waitStarted = performance.now();
    const chunk: RecordChunk = await next;
    readMs += performance.now() - waitStarted;
    if (chunk.count === 0) break;
    if (!chunk.wellFormed) await throwForMalformedRow(tx, lane, lastSequence, chunk.last!);
    firstSequence ??= chunk.first;
    lastSequence = chunk.last!;
    remaining -= chunk.count;
    // Only a short chunk (the last) may hold fewer leaves than ROWS_PER_READ, a power of two, as
    // joinSubtreeLevels requires.
    const more = remaining > 0 && chunk.count === requested;
    requested = Math.min(ROWS_PER_READ, remaining);
    next = more ? readRecordChunk(tx, lane, lastSequence, watermark, requested) : null;
    // Let the next query reach the socket before this thread is busy hashing.
    if (next) await new Promise((resolve) => setImmediate(resolve));
    const hashStarted = performance.now();
    const records = Buffer.from(chunk.records!, 'base64');
    if (records.length !== chunk.count * LEAF_RECORD_LENGTH) {
      throw new Error(`Read ${records.length} bytes for ${chunk.count} evidence rows up to sequence ${lastSequence}`);
    }
    const leafHashes = hashLeafRecords(records);
    const buildStarted = performance.now();
    subtrees.push(buildMerkleLevels(leafHashes));
    hashMs += buildStarted - hashStarted;
    buildMs += performance.now() - buildStarted;
  }
  if (firstSequence === null) return null;
  const joinStarted = performance.now();
  const levels = joinSubtreeLevels(subtrees);
  buildMs += performance.now() - joinStarted;
  return { levels, firstSequence, lastSequence, readMs, hashMs, buildMs };
}

/**
 * Up to `limit` rows of the lane after `after`, each packed as encodeLeaf's fields without the version byte:
 * sha256 (32) ‖ salt (32) ‖ sequence as uint64 big-endian (int8send), in sequence order. One base64
 * text value costs far less to carry through Prisma than a million rows or a bytea.
 */
function readRecordChunk(tx: PgTransaction, lane: RawBuilder<SqlBool>, after: bigint, watermark: bigint, limit: number): Promise<RecordChunk> {
  const query = runQuery(tx, sql<RecordChunk>`
    SELECT count(*)::int AS count, min(sequence) AS first, max(sequence) AS last,
      bool_and(octet_length(sha256) = 32 AND octet_length(salt) = 32 AND sequence >= 0) AS "wellFormed",
      encode(string_agg(sha256 || salt || int8send(sequence), ''::bytea ORDER BY sequence), 'base64') AS records
    FROM (
      SELECT sequence, sha256, salt FROM evidence
      WHERE ${lane} AND sequence > ${after} AND sequence <= ${watermark}
      ORDER BY sequence
      LIMIT ${limit}
    ) AS pending`);
  return startQuery(query.then(([row]) => row));
}

/**
 * Writes the batch and its levels, then logs the seal and records that entry, the audit log's new
 * head, on the batch, so the anchor transaction fixes the log's history up to here on chain. The
 * entry comes last: the audit lock it takes is then held only until the commit, not while the levels
 * are written. Levels go as binary parameters (pg sends a Buffer as is: 32 MB above a million leaves),
 * one INSERT each, queued on the connection without waiting for the one before.
 */
async function insertLevels(tx: PgTransaction, batch: SealedBatch, levels: Uint8Array[]): Promise<void> {
  await runStatement(
    tx,
    db.insertInto('batch').values({
      id: batch.id,
      organization_id: batch.organizationId,
      first_sequence: batch.firstSequence,
      last_sequence: batch.lastSequence,
      leaf_count: batch.leafCount,
      root: batch.root,
    }),
  );
  // Not the leaves (level 0): each is its evidence row's hash, and read-inclusion-proof.ts recomputes
  // the one a proof needs. Storing them was a quarter of a million-leaf seal's time.
  await Promise.all(
    levels
      .slice(1)
      .map((nodes, i) => runStatement(tx, db.insertInto('batch_level').values({ batch_id: batch.id, level: i + 1, nodes }))),
  );
  const head = await appendAuditEntry(tx, {
    actor: SYSTEM_ACTOR,
    action: 'batch.seal',
    targetType: 'batch',
    targetId: batch.id,
    details: {
      root: toHex(batch.root),
      firstSequence: batch.firstSequence.toString(),
      lastSequence: batch.lastSequence.toString(),
      leafCount: batch.leafCount,
    },
  });
  await runStatement(tx, db.updateTable('batch').set({ audit_sequence: head.sequence, audit_head: head.entryHash }).where('id', '=', batch.id));
}

/**
 * Starts a read ahead of its use. If the seal fails before the result is awaited, the rollback makes
 * the query fail too, which is not news, so that is not reported as an unhandled rejection.
 */
function startQuery<T>(query: PromiseLike<T>): Promise<T> {
  const started = Promise.resolve(query);
  started.catch(() => undefined);
  return started;
}

/** Raises the same InvalidLeafError that encodeLeaf gives the first row that cannot be a leaf. */
async function throwForMalformedRow(tx: PgTransaction, lane: RawBuilder<SqlBool>, after: bigint, upTo: bigint): Promise<never> {
  const [row] = await runQuery(tx, sql<{ sequence: bigint; sha256: Uint8Array; salt: Uint8Array }>`
    SELECT sequence, sha256, salt FROM evidence
    WHERE ${lane} AND sequence > ${after} AND sequence <= ${upTo}
      AND NOT (octet_length(sha256) = 32 AND octet_length(salt) = 32 AND sequence >= 0)
    ORDER BY sequence LIMIT 1`);
  encodeLeaf({ contentSha256: row.sha256, salt: row.salt, sequence: row.sequence });
  throw new Error(`Evidence ${row.sequence} cannot be encoded as a leaf`);
}
