// Resumable uploads for large files over unreliable networks: the tus 1.0 protocol (tus.io) at
// /api/v1/uploads, served by @tus/server with its file store (lib/storage/resumable-upload-store.ts).
//
//   POST   /api/v1/uploads        create: Upload-Length, Upload-Metadata (the file's description,
//                                 read-upload-metadata.ts), checked here before any byte is sent
//   HEAD   /api/v1/uploads/{id}   how many bytes the server has (Upload-Offset): resume from there
//   PATCH  /api/v1/uploads/{id}   more bytes at Upload-Offset; the one that completes the file
//                                 finishes it (finish-resumable-upload.ts) and answers with the
//                                 evidence id in `Evident-Evidence-Id`
//   DELETE /api/v1/uploads/{id}   abandon it
//   GET    /api/v1/uploads/{id}   Evident's own status read: offset, length, expiry, and the evidence
//                                 once finished
//
// Who may: the same as POST /api/v1/evidence/files (evidence.submit: a lender's staff or API key).
// An upload belongs to the organization that created it; to anyone else it does not exist (404).
// Every error, the protocol's own included, is a problem+json response.
import { MemoryLocker, Server, type Upload } from '@tus/server';
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import { checkNewBorrowerName } from '../borrowers/check-new-borrower-name';
import type { PrismaClient } from '../db/client';
import { DomainError, InvalidUploadError, RequestAbortedError, ResumableUploadNotFoundError, SameNameBorrowerError, UploadTooLargeError } from '../errors';
import { problem, problemResponse } from '../http/problem-response';
import { processSingleton } from '../process-state';
import { resumableUploadStore } from '../storage/resumable-upload-store';
import type { ResumableUploadStatus, UploadedEvidence } from './evidence-schemas';
import { finishResumableUpload, resumableUploadRecordKey } from './finish-resumable-upload';
import { findIngestReply } from './ingest-idempotently';
import { readUploadMetadata } from './read-upload-metadata';

export const RESUMABLE_UPLOAD_PATH = '/api/v1/uploads';
/** The response header of the completing PATCH that names the evidence item made of the upload. */
export const EVIDENCE_ID_HEADER = 'Evident-Evidence-Id';
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function handleResumableUpload({
  request,
  viewer,
  prisma,
  storageDir,
  maxBytes,
  expiryMs,
  borrowerIdSalt,
}: {
  request: Request;
  viewer: Viewer;
  prisma: PrismaClient;
  storageDir: string;
  maxBytes: number;
  expiryMs: number;
  borrowerIdSalt?: string;
}): Promise<Response> {
  const store = resumableUploadStore(storageDir, expiryMs);
  const server = (hooks: Partial<ConstructorParameters<typeof Server>[0]>) =>
    new Server({
      path: RESUMABLE_UPLOAD_PATH,
      datastore: store,
      // One locker per process: a PATCH that is still running when its client comes back (the
      // connection died unseen) is told to stop, so the resumed one can write.
      locker: processSingleton('resumable-upload-locker', () => new MemoryLocker()),
      maxSize: maxBytes,
      relativeLocation: true,
      // The API answers no cross-origin requests (no CORS headers), tus included.
      allowedOrigins: () => false,
      exposedHeaders: [EVIDENCE_ID_HEADER],
      ...hooks,
    });
  if (request.method === 'OPTIONS') return server({}).handleWeb(request);

  authorize(viewer, 'evidence.submit');
  // authorize() lets only a lender's staff or its API keys submit.
  const lender = viewer as StaffViewer | ApiKeyViewer;
  const uploadId = uploadIdOf(request);
  if (request.method === 'POST') {
    if (uploadId !== null) throw new InvalidUploadError(`Create an upload with POST ${RESUMABLE_UPLOAD_PATH}.`);
  } else {
    if (uploadId === null || !UPLOAD_ID.test(uploadId)) throw new ResumableUploadNotFoundError(uploadId ?? '(none)');
    const info = await store.configstore.get(uploadId);
    if (request.method === 'GET') return Response.json(await uploadStatus({ prisma, store, lender, uploadId, info, expiryMs }), { headers: { 'cache-control': 'no-store' } });
    if (info?.metadata?.organizationId !== lender.organizationId) throw new ResumableUploadNotFoundError(uploadId);
  }

  let failure: unknown;
  const response = await server({
    namingFunction: () => crypto.randomUUID(),
    onUploadCreate: async (_req, upload) => {
      if (upload.sizeIsDeferred) throw new InvalidUploadError('Send Upload-Length: the length of the file must be known when the upload is created.');
      if (upload.size === 0) throw new InvalidUploadError('The file is empty.');
      const { described } = readUploadMetadata(upload.metadata, { requireDescription: lender.kind === 'staff' });
      // The portal asks before a second borrower of a known name is made; asked here, before the
      // file is sent, and again when it is recorded.
      if (lender.kind === 'staff' && described.borrower && !described.confirmSameNameBorrower && borrowerIdSalt) {
        const { sameName } = await checkNewBorrowerName({ prisma, viewer: lender, identity: described.borrower, borrowerIdSalt });
        if (sameName.length > 0) throw new SameNameBorrowerError(described.borrower.name, sameName);
      }
      return { metadata: { ...upload.metadata, organizationId: lender.organizationId } };
    },
    onUploadFinish: async (_req, upload: Upload) => {
      const evidence = await finishResumableUpload({ prisma, store, storageDir, maxBytes, upload, submitter: lender, borrowerIdSalt });
      return { headers: { [EVIDENCE_ID_HEADER]: evidence.id } };
    },
    onResponseError: (_req, error) => {
      failure = error;
      return undefined;
    },
  }).handleWeb(request);
  if (response.status < 400) return response;
  // Refusals tus answers itself (412 without Tus-Resumable, 400 for a malformed header) never reach
  // onResponseError: their text becomes the problem's detail.
  failure ??= { status_code: response.status, body: await response.text() };
  return withProtocolHeaders(resumableUploadProblem(failure, { request, maxBytes }), response);
}

/** The last path segment after /api/v1/uploads, or null for the collection itself. */
function uploadIdOf(request: Request): string | null {
  const { pathname } = new URL(request.url);
  const rest = pathname.slice(RESUMABLE_UPLOAD_PATH.length).replace(/^\/+|\/+$/g, '');
  return rest === '' ? null : decodeURIComponent(rest);
}

async function uploadStatus({
  prisma,
  store,
  lender,
  uploadId,
  info,
  expiryMs,
}: {
  prisma: PrismaClient;
  store: ReturnType<typeof resumableUploadStore>;
  lender: StaffViewer | ApiKeyViewer;
  uploadId: string;
  info: Upload | undefined;
  expiryMs: number;
}): Promise<ResumableUploadStatus> {
  const reply = await findIngestReply(prisma, { organizationId: lender.organizationId, key: resumableUploadRecordKey(uploadId) });
  const evidence = reply ? (JSON.parse(reply.bodyText) as UploadedEvidence) : null;
  if (info?.metadata?.organizationId === lender.organizationId) {
    const current = await store.getUpload(uploadId).catch(() => null);
    const created = info.creation_date ? new Date(info.creation_date).getTime() : null;
    return {
      id: uploadId,
      length: info.size ?? 0,
      offset: current?.offset ?? 0,
      expiresAt: created === null ? null : new Date(created + expiryMs).toISOString(),
      evidence,
    };
  }
  // Swept after it expired: a finished upload is still known by its evidence.
  if (evidence) return { id: uploadId, length: evidence.size, offset: evidence.size, expiresAt: null, evidence };
  throw new ResumableUploadNotFoundError(uploadId);
}

// The protocol's own refusals, as problem+json with the status tus gives them (statement uploads,
// lib/reconciliation/resumable-statement-upload.ts, answer theirs the same way).
const TUS_CODES: Record<number, string> = {
  400: 'invalid-upload',
  403: 'invalid-upload',
  404: 'upload-not-found',
  409: 'upload-offset-conflict',
  410: 'upload-expired',
  412: 'tus-version-unsupported',
  413: 'upload-too-large',
  501: 'unsupported-upload-extension',
};

export function resumableUploadProblem(failure: unknown, { request, maxBytes }: { request: Request; maxBytes: number }): Response {
  // tus's own errors carry their status (e.g. 413 for more bytes than Upload-Length), Error or not.
  const isTusError = typeof (failure as { status_code?: unknown }).status_code === 'number';
  if (failure instanceof DomainError || (failure instanceof Error && !isTusError)) {
    // An Error from our hooks or the database: mapped once (problem-response.ts), 503 when the
    // database is down, 507 when the disk is full.
    return problemResponse(failure);
  }
  const { status_code: status, body } = failure as { status_code: number; body: string };
  // The body broke off (the client went away, or a resumed request took the upload's lock over):
  // the bytes that arrived are kept, and the client resumes from HEAD's offset.
  if (request.signal.aborted || /aborted/i.test(body)) return problemResponse(new RequestAbortedError());
  if (status === 413) return problemResponse(new UploadTooLargeError(maxBytes));
  if (status >= 500 && status !== 501) {
    // Writing failed (tus does not say why: a broken body, a full disk): what was written is kept.
    return problem(503, `The upload could not be written just now (${body.trim()}); resume it from its offset.`, { code: 'upload-interrupted' }, { 'retry-after': '1' });
  }
  return problem(status, body.trim(), { code: TUS_CODES[status] ?? 'invalid-upload' });
}

/** A problem keeps tus's own headers (Tus-Resumable, Upload-Offset, ...). */
export function withProtocolHeaders(problemAnswer: Response, tusAnswer: Response): Response {
  const headers = new Headers(problemAnswer.headers);
  for (const [name, value] of tusAnswer.headers) {
    if (!['content-type', 'content-length', 'connection'].includes(name) && !headers.has(name)) headers.set(name, value);
  }
  return new Response(problemAnswer.body, { status: problemAnswer.status, headers });
}
