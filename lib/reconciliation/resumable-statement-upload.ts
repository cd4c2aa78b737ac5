// A bank's statement for one day over tus 1.0, for files too large to send again after a dropped
// connection (a 15M-row statement is about 2 GB). The evidence uploads' machinery, for statements:
// @tus/server with its file store (lib/storage/resumable-upload-store.ts, in $STORAGE_DIR/
// statement-uploads, with the same expiry and sweep), the same per-process locker and the same
// problem answers (lib/evidence/handle-resumable-upload.ts).
//
//   POST   …/pairs/{pairId}/days/{date}/statement/uploads        create: Upload-Length, optional
//                                                                 Upload-Metadata and Idempotency-Key
//   HEAD   …/statement/uploads/{id}    how many bytes the server has: resume from there
//   PATCH  …/statement/uploads/{id}    more bytes; the completing one commits the side
//   GET    …/statement/uploads/{id}    progress, and the committed side once finished
//   DELETE …/statement/uploads/{id}    abandon it
//
// An upload is bound at creation to the pair, the business date and the caller's bank (its
// organization). Every request authorizes again: reconciliation.submit, the caller's organization still
// in the pair, and the upload its own for this pair, date and side (anything else does not exist: 404).
// Creation checks what can be checked before a byte is sent (media type, the day's window and cut-off,
// the side not yet committed, Upload-Length within RECONCILIATION_MAX_STATEMENT_BYTES; tus never takes
// more bytes than the length). The completing PATCH hands the stored file to commitStatementUpload, the
// PUT's own path, which checks all of it again (a file that finishes after the cut-off is refused) and
// answers what the PUT answers: 201 with the side and its signed receipt, or the same problem. A
// refusal removes the upload. The answer is stored under the Idempotency-Key given at creation, or else
// under `statement-upload:<id>`, so finishing again replays it and never commits a second side.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FileStore } from '@tus/file-store';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import type { Issuer } from '../certificates/load-issuer';
import type { PrismaClient } from '../db/client';
import { DomainError, HashMismatchError, InvalidUploadError, ResumableUploadNotFoundError, SideAlreadyCommittedError } from '../errors';
import { resumableUploadProblem, withProtocolHeaders } from '../evidence/handle-resumable-upload';
import { findIngestReply, findStoredReply, parseIdempotencyKey } from '../evidence/ingest-idempotently';
import { statusOfDomainError } from '../http/problem-response';
import { isUuid } from '../ids';
import { processSingleton, singleFlight } from '../process-state';
import { toHex } from '../proof/hex';
import { resumableUploadStore } from '../storage/resumable-upload-store';
import type { TemporaryFile } from '../storage/stream-to-temporary-file';
import { BLIND_SIDE_MEDIA_TYPE } from './blind-carrier';
import { assertUploadWindow, parseBusinessDate } from './business-day-window';
import { commitStatementUpload, statementMediaType, type StatementUploadReply } from './commit-statement-upload';
import { loadMemberPair } from './load-member-pair';
import { columnMapSchema, STATEMENT_MEDIA_TYPES, type StatementUploadResult } from './reconciliation-schemas';
import type { ResumableStatementUploadStatus } from './resumable-statement-upload-schemas';

const UPLOADS_SUFFIX = '/statement/uploads';
const SHA256_HEX = /^0x[0-9a-f]{64}$/;

/** The idempotency record a finished upload's answer is kept under when it was created without a key. */
export function statementUploadRecordKey(uploadId: string): string {
  return `statement-upload:${uploadId}`;
}

export async function handleResumableStatementUpload({
  request,
  viewer,
  prisma,
  pairId,
  businessDate: rawDate,
  storageDir,
  maxBytes,
  expiryMs,
  keySecret,
  issuer,
  now = () => new Date(),
}: {
  request: Request;
  viewer: Viewer;
  prisma: PrismaClient;
  pairId: string;
  businessDate: string;
  storageDir: string;
  /** RECONCILIATION_MAX_STATEMENT_BYTES. */
  maxBytes: number;
  /** RESUMABLE_UPLOAD_EXPIRY_MINUTES in ms. */
  expiryMs: number;
  /** RECONCILIATION_KEY_SECRET and the issuer, read only when a file is committed. */
  keySecret: () => string;
  issuer: () => Promise<Issuer>;
  /** The clock the cut-off is read from, at creation and when the last byte arrives. */
  now?: () => Date;
}): Promise<Response> {
  const store = resumableUploadStore(storageDir, expiryMs, 'statement');
  const { pathname } = new URL(request.url);
  const base = pathname.slice(0, pathname.indexOf(UPLOADS_SUFFIX) + UPLOADS_SUFFIX.length);
  const rest = pathname.slice(base.length).replace(/^\/+|\/+$/g, '');
  const uploadId = rest === '' ? null : decodeURIComponent(rest);
  const server = (hooks: Partial<ConstructorParameters<typeof Server>[0]>) =>
    new Server({
      path: base,
      datastore: store,
      // The evidence uploads' locker: a PATCH still running when its client comes back is told to stop.
      locker: processSingleton('resumable-upload-locker', () => new MemoryLocker()),
      maxSize: maxBytes,
      relativeLocation: true,
      allowedOrigins: () => false,
      exposedHeaders: ['Idempotent-Replayed'],
      ...hooks,
    });
  if (request.method === 'OPTIONS') return server({}).handleWeb(request);

  authorize(viewer, 'reconciliation.submit');
  const bankViewer = viewer as StaffViewer | ApiKeyViewer;
  const { pair, bank } = await loadMemberPair({ prisma, viewer: bankViewer, pairId });
  const businessDate = parseBusinessDate(rawDate);
  const binding = { organizationId: bankViewer.organizationId, pairId: pair.id, businessDate, bank };
  if (request.method === 'POST') {
    if (uploadId !== null) throw new InvalidUploadError(`Create an upload with POST ${base}.`);
  } else {
    if (uploadId === null || !isUuid(uploadId)) throw new ResumableUploadNotFoundError(uploadId ?? '(none)');
    const info = await store.configstore.get(uploadId);
    const metadata = info?.metadata ?? {};
    if (!info || Object.entries(binding).some(([key, value]) => metadata[key] !== value)) throw new ResumableUploadNotFoundError(uploadId);
    if (request.method === 'GET') {
      return Response.json(await uploadStatus({ prisma, store, info, expiryMs }), { headers: { 'cache-control': 'no-store' } });
    }
  }

  let failure: unknown;
  const response = await server({
    namingFunction: () => crypto.randomUUID(),
    onUploadCreate: async (_req, upload) => {
      if (upload.sizeIsDeferred) throw new InvalidUploadError('Send Upload-Length: the length of the statement must be known when the upload is created.');
      const given = upload.metadata ?? {};
      const { carrier } = columnMapSchema.parse(bank === 'A' ? pair.columnMapA : pair.columnMapB);
      // `filetype` is the statement's media type (the PUT's Content-Type); absent, the carrier's own.
      // A blind pair's bank sends its blind side (§14.1).
      const blind = pair.mode === 'blind';
      const mediaType = statementMediaType({ bank, carrier, blind, contentType: given.filetype ?? (blind ? BLIND_SIDE_MEDIA_TYPE : STATEMENT_MEDIA_TYPES[carrier]) });
      if (given.sha256 !== undefined && !SHA256_HEX.test(given.sha256 ?? '')) {
        throw new InvalidUploadError('Upload-Metadata sha256: expected 0x and 64 lower-case hex digits, the SHA-256 of the whole file.');
      }
      const idempotencyKey = parseIdempotencyKey(request.headers.get('idempotency-key'));
      // A key that already has an answer replays it when the file is in (the same file) or is refused
      // then (another one); the day's window and side are checked only for a new statement.
      const answered = idempotencyKey !== null && (await findStoredReply(prisma, { organizationId: binding.organizationId, key: idempotencyKey })) !== null;
      if (!answered) {
        assertUploadWindow({ businessDate, firstBusinessDate: pair.firstBusinessDate, cutOffTime: pair.cutOffTime, now: now() });
        const committed = await prisma.reconciliationSide.findUnique({ where: { pairId_businessDate_bank: { pairId: pair.id, businessDate, bank } } });
        if (committed) throw new SideAlreadyCommittedError(businessDate, bank);
      }
      const metadata: Record<string, string> = { ...binding, filetype: mediaType };
      if (given.filename) metadata.filename = given.filename;
      if (given.sha256) metadata.sha256 = given.sha256;
      if (idempotencyKey !== null) metadata.idempotencyKey = idempotencyKey;
      return { metadata };
    },
    onUploadFinish: async (_req, upload: Upload) => {
      const reply = await finishStatementUpload({ prisma, store, storageDir, maxBytes, upload, viewer: bankViewer, keySecret, issuer, now });
      return {
        status_code: reply.status,
        body: reply.bodyText,
        headers: {
          'Content-Type': 'application/json',
          ...(reply.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
        },
      };
    },
    onResponseError: (_req, error) => {
      failure = error;
      return undefined;
    },
  }).handleWeb(request);
  if (response.status < 400) return response;
  failure ??= { status_code: response.status, body: await response.text() };
  return withProtocolHeaders(resumableUploadProblem(failure, { request, maxBytes }), response);
}

/** Finishing twice at once in one process waits for the first; across processes the idempotency
 * record and the pair's lock still let only one side commit. */
function finishStatementUpload(options: Parameters<typeof finish>[0]): Promise<StatementUploadReply> {
  return singleFlight('statement-upload-finishing', `${options.storageDir}:${options.upload.id}`, () => finish(options));
}

async function finish({
  prisma,
  store,
  storageDir,
  maxBytes,
  upload,
  viewer,
  keySecret,
  issuer,
  now,
}: {
  prisma: PrismaClient;
  store: FileStore;
  storageDir: string;
  maxBytes: number;
  upload: Upload;
  viewer: StaffViewer | ApiKeyViewer;
  keySecret: () => string;
  issuer: () => Promise<Issuer>;
  now: () => Date;
}): Promise<StatementUploadReply> {
  const metadata = upload.metadata ?? {};
  try {
    const arrived = await hashAndSync(path.join(store.directory, upload.id));
    if (metadata.sha256 && metadata.sha256 !== toHex(arrived.sha256)) throw new HashMismatchError(metadata.sha256, toHex(arrived.sha256));
    // The upload's file stays where it is (the side's directory links it) until the upload expires,
    // so a client that missed this answer still sees it complete and finishes again to read it.
    return await commitStatementUpload({
      prisma,
      viewer,
      pairId: metadata.pairId!,
      businessDate: metadata.businessDate!,
      contentType: metadata.filetype ?? null,
      body: { arrived },
      idempotencyKey: metadata.idempotencyKey ?? statementUploadRecordKey(upload.id),
      storageDir,
      maxBytes,
      keySecret: keySecret(),
      issuer: await issuer(),
      now,
    });
  } catch (error) {
    // A refusal is final: the upload goes with it and nothing of it is kept. A database or disk that
    // failed (5xx) keeps it, to be finished again by sending the last PATCH again.
    if (error instanceof DomainError && statusOfDomainError(error) < 500) await store.remove(upload.id).catch(() => undefined);
    throw error;
  }
}

/** The stored file's SHA-256 and size, read back from disk, and the file flushed to it before it is committed. */
async function hashAndSync(file: string): Promise<TemporaryFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { path: file, sha256: new Uint8Array(hash.digest()), size };
}

async function uploadStatus({
  prisma,
  store,
  info,
  expiryMs,
}: {
  prisma: PrismaClient;
  store: FileStore;
  info: Upload;
  expiryMs: number;
}): Promise<ResumableStatementUploadStatus> {
  const metadata = info.metadata ?? {};
  const current = await store.getUpload(info.id).catch(() => null);
  const length = info.size ?? 0;
  const offset = current?.offset ?? 0;
  const reply =
    offset === length ? await findIngestReply(prisma, { organizationId: metadata.organizationId!, key: metadata.idempotencyKey ?? statementUploadRecordKey(info.id) }) : null;
  const created = info.creation_date ? new Date(info.creation_date).getTime() : null;
  return {
    id: info.id,
    length,
    offset,
    expiresAt: created === null ? null : new Date(created + expiryMs).toISOString(),
    result: reply && reply.status < 300 ? (JSON.parse(reply.bodyText) as StatementUploadResult) : null,
  };
}
