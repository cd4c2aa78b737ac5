// POST /api/v1/evidence/records and /hashes: many items per request, all or nothing. A JSON array
// (up to MAX_ITEMS_PER_JSON_REQUEST items) is read whole; records may also stream as NDJSON, one
// per line (up to MAX_NDJSON_LINES), validated and inserted MAX_ROWS_PER_INSERT at a time in one
// transaction, so a bad line anywhere rolls the whole request back. If any item is invalid nothing
// is stored and every error (up to a cap) is reported with the item's index and field.
import { createHash, type Hash } from 'node:crypto';
import { chainAuditOutboxAfterCommit, enqueueAuditEntries, type AuditEvent } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { withPgTransaction, type PgTransaction } from '../db/with-pg-transaction';
import { InvalidItemsError, InvalidRequestError, RequestTooLargeError } from '../errors';
import { readChunks, readNdjsonLines } from '../http/read-ndjson-lines';
import { readRequestBody } from '../http/read-request-body';
import { MAX_ITEMS_PER_JSON_REQUEST, MAX_NDJSON_LINE_BYTES, MAX_NDJSON_LINES, type EvidenceKind } from './evidence-schemas';
import { ingestIdempotently, type IngestReply } from './ingest-idempotently';
import { insertEvidenceRows, submissionOf, type EvidenceRowInput, type Submission } from './insert-evidence-rows';
import { insertEvidenceRowsTogether, MAX_ROWS_PER_GROUP } from './insert-evidence-rows-together';
import { scanStrictJson, StrictJsonError } from '../proof/parse-strict-json';
import { ItemErrorCollector } from './item-errors';
import { parseHashItem, parseRecordItem, type ParsedItem } from './parse-evidence-items';

/** Rows per INSERT statement: large enough to amortise the round trip, small enough to bound memory. */
export const MAX_ROWS_PER_INSERT = 10_000;

const ITEM_PARSERS: Record<'record' | 'hash', (value: unknown, index: number) => ParsedItem> = {
  record: parseRecordItem,
  hash: parseHashItem,
};

export async function ingestEvidenceItems({
  prisma,
  kind,
  submitter,
  request,
  maxBodyBytes,
  idempotencyKey,
}: {
  prisma: PrismaClient;
  kind: Extract<EvidenceKind, 'record' | 'hash'>;
  /** A lender's system (API key); the evidence belongs to its organization. */
  submitter: Viewer;
  request: Request;
  maxBodyBytes: number;
  idempotencyKey: string | null;
}): Promise<IngestReply> {
  authorize(submitter, 'evidence.submit');
  const { organizationId } = submitter;
  const actor = auditActorOf(submitter);
  const scope = idempotencyKey === null ? null : { organizationId, key: idempotencyKey };
  const mediaType = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
  // The endpoint is part of the request's identity: one Idempotency-Key cannot serve two endpoints.
  const requestHash = () => createHash('sha256').update(`POST /api/v1/evidence/${kind}s\n${mediaType}\n`);
  // The request's submission (provenance) and audit entry commit with its rows, in the same statement
  // (insertEvidenceRows); the entry goes to the audit outbox, one per request whatever its size, with
  // the count and sequence range of its rows, and is chained into the log after the commit
  // (lib/audit/append-audit-entry.ts).
  const submission = submissionOf(submitter, idempotencyKey);
  const auditEvent: AuditEvent = { actor, action: 'evidence.ingest_api', targetType: 'organization', targetId: organizationId, details: { kind, idempotencyKey } };
  const withProvenance = (rows: EvidenceRowInput[]) => ({
    organizationId,
    kind,
    rows,
    submissionId: submission.id,
    submissions: [submission],
    audits: [{ event: auditEvent, rows: rows.length }],
  });
  const audited = async (reply: IngestReply): Promise<IngestReply> => {
    if (!reply.replayed) await chainAuditOutboxAfterCommit(prisma);
    return reply;
  };

  if (kind === 'record' && (mediaType === 'application/x-ndjson' || mediaType === 'application/ndjson')) {
    if (!request.body) throw new InvalidRequestError('The request has no body.');
    const body = request.body;
    return audited(
      await ingestIdempotently({
        prisma,
        scope,
        hashRequest: () => hashStream(body, requestHash()),
        prepare: () => undefined,
        ingest: (tx) => ingestNdjson(tx, { organizationId, submission, body, hash: requestHash(), audit: auditEvent }),
      }),
    );
  }
  if (mediaType !== 'application/json') {
    throw new InvalidRequestError(
      kind === 'record'
        ? 'Send a JSON array (Content-Type: application/json) or one record per line (Content-Type: application/x-ndjson).'
        : 'Send a JSON array (Content-Type: application/json).',
    );
  }
  const bytes = await readRequestBody(request, maxBodyBytes);
  if (scope === null) {
    // Nothing to store beside the rows, their submission and audit entry, all in the one INSERT
    // statement: small requests share it with whatever else arrived meanwhile (group commit), larger
    // ones commit by themselves.
    const rows = parseJsonArray(bytes, ITEM_PARSERS[kind]);
    const items =
      rows.length <= MAX_ROWS_PER_GROUP
        ? await insertEvidenceRowsTogether(prisma, { organizationId, kind, rows, submission, audit: auditEvent })
        : await withPgTransaction(prisma, (tx) => insertEvidenceRows(tx, withProvenance(rows)), { oneStatement: true });
    return audited({ status: 201, bodyText: responseBody([itemsJson(items, rows, 0)]), replayed: false });
  }
  const requestSha256 = new Uint8Array(requestHash().update(bytes).digest());
  return audited(
    await ingestIdempotently({
      prisma,
      scope,
      hashRequest: async () => requestSha256,
      prepare: () => parseJsonArray(bytes, ITEM_PARSERS[kind]),
      ingest: async (tx, rows) => {
        const items = await insertEvidenceRows(tx, withProvenance(rows));
        return { status: 201, bodyText: responseBody([itemsJson(items, rows, 0)]), requestSha256 };
      },
    }),
  );
}

function parseJsonArray(bytes: Uint8Array, parseItem: (value: unknown, index: number) => ParsedItem): EvidenceRowInput[] {
  let body: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    body = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`The body is not valid UTF-8 JSON: ${(error as Error).message}`);
  }
  // A duplicate key would be notarized as JSON.parse's last-key-wins reading, not what was sent.
  try {
    scanStrictJson(text, { maxDepth: MAX_RECORD_DEPTH + 1 });
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    const item = /^\$\[(\d+)\]\.?(.*)$/.exec(error.path);
    if (!item) throw new InvalidRequestError(`The body is malformed at ${error.path}: ${error.message}.`);
    throw new InvalidItemsError([{ index: Number(item[1]), field: item[2] || null, message: error.message }], 1);
  }
  if (!Array.isArray(body)) throw new InvalidRequestError('The body must be a JSON array of items.');
  if (body.length === 0) throw new InvalidRequestError('The array is empty: send at least one item.');
  if (body.length > MAX_ITEMS_PER_JSON_REQUEST) {
    throw new RequestTooLargeError(
      `The array has ${body.length} items; at most ${MAX_ITEMS_PER_JSON_REQUEST} are accepted per request ` +
        '(records may also be streamed as application/x-ndjson).',
    );
  }
  const errors = new ItemErrorCollector();
  const rows: EvidenceRowInput[] = [];
  body.forEach((value, index) => {
    const parsed = parseItem(value, index);
    if (parsed.errors) errors.add(parsed.errors);
    else rows.push(parsed.row);
  });
  errors.throwIfAny();
  return rows;
}

/** Deepest nesting of one record (docs: README, API for lenders' systems). */
const MAX_RECORD_DEPTH = 128;

// The transaction stays open while the body streams in: a long import holds the ingest lock shared
// for its whole duration, and the sealer waits for it (it must, to seal only committed sequences).
async function ingestNdjson(
  tx: PgTransaction,
  {
    organizationId,
    submission,
    body,
    hash,
    audit,
  }: {
    organizationId: string;
    /** Written with the first rows; every row names it. */
    submission: Submission;
    body: ReadableStream<Uint8Array>;
    hash: Hash;
    /** The request's audit entry, written in `tx` once every line is in, with the count and range. */
    audit: AuditEvent;
  },
): Promise<{ status: number; bodyText: string; requestSha256: Uint8Array }> {
  const errors = new ItemErrorCollector();
  const parts: string[] = [];
  let pending: EvidenceRowInput[] = [];
  let pendingFirstIndex = 0;
  let lines = 0;
  const inserted = { count: 0, firstSequence: 0n, lastSequence: 0n };
  const flush = async () => {
    // After the first invalid line nothing more is inserted: the transaction will roll back anyway,
    // and the remaining lines are only checked so that the response lists their errors too.
    if (errors.count === 0 && pending.length > 0) {
      const items = await insertEvidenceRows(tx, {
        organizationId,
        kind: 'record',
        rows: pending,
        submissionId: submission.id,
        submissions: inserted.count === 0 ? [submission] : [],
      });
      if (inserted.count === 0) inserted.firstSequence = items[0].sequence;
      inserted.count += items.length;
      inserted.lastSequence = items[items.length - 1].sequence;
      parts.push(itemsJson(items, pending, pendingFirstIndex));
    }
    pending = [];
  };

  for await (const line of readNdjsonLines(body, {
    maxLines: MAX_NDJSON_LINES,
    maxLineBytes: MAX_NDJSON_LINE_BYTES,
    onBytes: (chunk) => hash.update(chunk),
  })) {
    lines++;
    if (pending.length === 0) pendingFirstIndex = line.index;
    if (line.invalidUtf8) {
      errors.add([{ index: line.index, field: null, message: 'is not valid UTF-8' }]);
      continue;
    }
    if (line.text.trim() === '') {
      errors.add([{ index: line.index, field: null, message: 'is an empty line; send one JSON record per line' }]);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      errors.add([{ index: line.index, field: null, message: `is not valid JSON: ${(error as Error).message}` }]);
      continue;
    }
    try {
      scanStrictJson(line.text, { maxDepth: MAX_RECORD_DEPTH });
    } catch (error) {
      if (!(error instanceof StrictJsonError)) throw error;
      errors.add([{ index: line.index, field: error.path.replace(/^\$\.?/, '') || null, message: error.message }]);
      continue;
    }
    const parsed = parseRecordItem(value, line.index);
    if (parsed.errors) errors.add(parsed.errors);
    else if (errors.count === 0) pending.push(parsed.row);
    if (pending.length >= MAX_ROWS_PER_INSERT) await flush();
  }
  if (lines === 0) throw new InvalidRequestError('The body has no lines: send one JSON record per line.');
  await flush();
  errors.throwIfAny();
  const range = { count: inserted.count, firstSequence: String(inserted.firstSequence), lastSequence: String(inserted.lastSequence) };
  await enqueueAuditEntries(tx, [{ ...audit, details: { ...(audit.details as object), ...range } }]);
  return { status: 201, bodyText: responseBody(parts), requestSha256: new Uint8Array(hash.digest()) };
}

async function hashStream(body: ReadableStream<Uint8Array>, hash: Hash): Promise<Uint8Array> {
  for await (const chunk of readChunks(body)) hash.update(chunk);
  return new Uint8Array(hash.digest());
}

/** The JSON of `{ items }` from pre-serialised comma-joined parts, so a million items never exist as objects at once. */
function responseBody(parts: string[]): string {
  return `{"items":[${parts.join(',')}]}`;
}

// Written by hand rather than with JSON.stringify per item (a third of the response time at 10,000
// items): every value is a number, a UUID, decimal digits or hex, so nothing needs escaping.
function itemsJson(inserted: Array<{ id: string; sequence: bigint }>, rows: EvidenceRowInput[], firstIndex: number): string {
  return inserted
    .map((item, i) => {
      const digest = rows[i].sha256;
      const sha256 = Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength).toString('hex');
      return `{"index":${firstIndex + i},"id":"${item.id}","sequence":"${item.sequence}","sha256":"0x${sha256}"}`;
    })
    .join(',');
}
