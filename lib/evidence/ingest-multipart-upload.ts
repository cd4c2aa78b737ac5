// Portal and API file upload: one multipart/form-data request carries a `sha256` field (the digest
// the sender computed), the description fields of fileFieldsSchema (title, type, loan reference, the
// borrower), all before exactly one `file` part. The fields are validated as soon as the file part
// starts, so a bad form stores nothing; the file streams through storage, hashed on the way, and the
// evidence row is written only after the file is durable on disk. The evidence belongs to the
// submitting lender's organization; an Idempotency-Key makes retries safe.
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { authorize } from '../auth/authorize';
import type { ApiKeyViewer, StaffViewer, Viewer } from '../auth/viewer';
import type { PrismaClient } from '../db/client';
import { InvalidRequestError, InvalidUploadError, UploadTooLargeError } from '../errors';
import { storeStream, type StoredFile } from '../storage/store-stream';
import type { UploadedEvidence } from './evidence-schemas';
import { ingestStoredFile } from './ingest-stored-file';
import { normaliseFileName, validateFileFields, type FileDescription } from './validate-file-fields';

const SHA256_HEX = /^0x[0-9a-f]{64}$/;

export async function ingestMultipartUpload({
  prisma,
  storageDir,
  maxBytes,
  contentType,
  contentLength,
  body,
  submitter = null,
  borrowerIdSalt,
  idempotencyKey = null,
}: {
  prisma: PrismaClient;
  storageDir: string;
  maxBytes: number;
  contentType: string | null;
  contentLength: number | null;
  body: Readable;
  /** Who uploads: authorized here for evidence.submit. Null only for the platform's own tests and
   * tools, whose evidence then belongs to no organization. */
  submitter?: Viewer | null;
  /** Needed when the upload names a borrower (lib/borrowers/hash-id-number.ts). */
  borrowerIdSalt?: string;
  idempotencyKey?: string | null;
}): Promise<UploadedEvidence & { replayed: boolean }> {
  let lender: StaffViewer | ApiKeyViewer | null = null;
  if (submitter !== null) {
    authorize(submitter, 'evidence.submit');
    // authorize() lets only a lender's staff or its API keys submit.
    lender = submitter as StaffViewer | ApiKeyViewer;
  }
  const organizationId = lender?.organizationId ?? null;
  if (idempotencyKey !== null && organizationId === null) {
    throw new InvalidRequestError('Idempotency-Key needs a signed-in lender or an API key: retries are matched per organization.');
  }
  if (!contentType || !contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new InvalidUploadError('Send the file as multipart/form-data with a `file` part.');
  }
  // Multipart framing adds a few hundred bytes; anything far beyond the limit is refused before reading.
  if (contentLength !== null && contentLength > maxBytes + 64 * 1024) throw new UploadTooLargeError(maxBytes);

  // Staff upload through the portal form, which asks for title, type and borrower; a lender's
  // system with an API key may send a bare file and describe it elsewhere.
  const requireDescription = lender?.kind === 'staff';
  const { stored, fileName, mediaType, described } = await receiveFile({
    storageDir,
    maxBytes,
    contentType,
    body,
    validate: (raw) => validateFileFields(raw, requireDescription),
  });
  return ingestStoredFile({
    prisma,
    stored,
    fileName,
    mediaType,
    described,
    submitter,
    borrowerIdSalt,
    requestIdentity: { endpoint: 'POST /api/v1/evidence/files' },
    idempotencyScopeKey: idempotencyKey,
    idempotencyKey,
  });
}

interface ReceivedFile {
  stored: StoredFile;
  fileName: string;
  mediaType: string;
  described: FileDescription;
}

function receiveFile({
  storageDir,
  maxBytes,
  contentType,
  body,
  validate,
}: {
  storageDir: string;
  maxBytes: number;
  contentType: string;
  body: Readable;
  validate: (raw: Record<string, string>) => FileDescription;
}): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // Browsers send file names as raw UTF-8 (RFC 7578); busboy would read them as Latin-1.
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 20, fieldSize: 4096 },
      });
    } catch (error) {
      reject(new InvalidUploadError(`Malformed multipart request: ${(error as Error).message}`));
      return;
    }
    let clientSha256: string | undefined;
    const raw: Record<string, string> = {};
    let storing: Promise<Omit<ReceivedFile, 'described'>> | undefined;
    let fileStream: Readable | undefined;
    let failed = false;
    let finished = false;
    // Every way out ends the file part too, so storeStream's pipeline settles, closes its handle and
    // removes its temporary file (an aborted upload used to leave both behind for good).
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      body.unpipe(parser);
      body.resume();
      if (fileStream && !fileStream.destroyed) {
        // The failure is reported once, through reject. The file part's own pipeline may have
        // settled already (the whole file was in when the connection broke), and an 'error' with no
        // listener left would be thrown as an uncaught exception.
        fileStream.on('error', () => {});
        fileStream.destroy(error instanceof Error ? error : new Error(String(error)));
      }
      // Answered once the file part's storing has settled, so its temporary file is gone by then
      // (CI saw one still there when the answer came first, on a loaded machine).
      const settled: Promise<unknown> = storing ? storing.catch(() => undefined) : Promise.resolve();
      void settled.then(() => reject(error));
    };
    const check = (): FileDescription | undefined => {
      try {
        return validate(raw);
      } catch (error) {
        fail(error);
        return undefined;
      }
    };

    parser.on('field', (name, value) => {
      if (name === 'sha256') {
        clientSha256 = value.trim().toLowerCase();
        if (!SHA256_HEX.test(clientSha256)) {
          fail(new InvalidUploadError('The `sha256` field must be a 0x-prefixed 64-digit hex digest.'));
        }
        return;
      }
      // Empty form inputs mean "not given".
      if (value.trim() !== '') raw[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || storing || failed || !check()) {
        stream.resume();
        return;
      }
      const fileName = normaliseFileName(info.filename);
      fileStream = stream;
      storing = storeStream({
        storageDir,
        source: stream,
        maxBytes,
        expectedSha256: () => clientSha256,
      }).then((stored) => ({ stored, fileName, mediaType: info.mimeType || 'application/octet-stream' }));
      storing.catch(fail);
    });
    parser.on('filesLimit', () => fail(new InvalidUploadError('Send exactly one file per request.')));
    parser.on('fieldsLimit', () => fail(new InvalidUploadError('Too many form fields.')));
    parser.on('error', (error: Error) => fail(new InvalidUploadError(`Malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      finished = true;
      if (failed) return;
      if (!storing) return fail(new InvalidUploadError('The request has no `file` part.'));
      storing.then((received) => {
        // Checked again with the fields sent after the file, if any; a refused upload leaves only the
        // content-addressed file, which a later upload of the same bytes reuses.
        const described = check();
        if (described) resolve({ ...received, described });
      }, fail);
    });
    body.on('error', (error) => fail(new InvalidUploadError(`The upload was interrupted: ${error.message}`)));
    // A client that resets the connection may end the body without an error: closed before the
    // multipart parser saw its end is an interrupted upload as well.
    let bodyEnded = false;
    body.on('end', () => {
      bodyEnded = true;
    });
    body.on('close', () => {
      if (!bodyEnded && !finished) fail(new InvalidUploadError('The upload was interrupted before it was complete.'));
    });
    body.pipe(parser);
  });
}
