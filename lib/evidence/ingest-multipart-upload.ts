// Portal and API file upload: one multipart/form-data request carries a `sha256` field (the digest
// the sender computed), the description fields of fileFieldsSchema (title, type, loan reference, the
// borrower), all before exactly one `file` part. The fields are validated as soon as the file part
// starts, so a bad form stores nothing; the file streams through storage, hashed on the way, and the
// evidence row is written only after the file is durable on disk. The evidence belongs to the
// submitting lender's organization; an Idempotency-Key makes retries safe.
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import canonicalize from 'canonicalize';
import { chainAuditOutboxAfterCommit, SYSTEM_ACTOR } from '../audit/append-audit-entry';
import { authorize } from '../auth/authorize';
import { auditActorOf, type ApiKeyViewer, type StaffViewer, type Viewer } from '../auth/viewer';
import { borrowerIdentitySchema, type BorrowerIdentity } from '../borrowers/borrower-identity';
import { resolveBorrower } from '../borrowers/resolve-borrower';
import type { PrismaClient } from '../db/client';
import { DomainError, FieldErrorsError, InvalidRequestError, InvalidUploadError, UploadTooLargeError } from '../errors';
import { toHex } from '../proof/hex';
import { storeStream, type StoredFile } from '../storage/store-stream';
import { fileFieldsSchema, type FileFields, type UploadedEvidence } from './evidence-schemas';
import { ingestIdempotently } from './ingest-idempotently';
import { insertEvidenceRows, submissionOf } from './insert-evidence-rows';

const SHA256_HEX = /^0x[0-9a-f]{64}$/;
const FIELD_NAMES = Object.keys(fileFieldsSchema.shape) as Array<keyof FileFields>;
const BORROWER_FIELDS = { name: 'borrowerName', idNumber: 'borrowerIdNumber', phone: 'borrowerPhone', email: 'borrowerEmail' } as const;
const IDENTIFIER_FIELDS = ['borrowerIdNumber', 'borrowerPhone', 'borrowerEmail'] as const;

type Description = Omit<FileFields, 'sha256' | 'borrowerName' | 'borrowerIdNumber' | 'borrowerPhone' | 'borrowerEmail' | 'confirmSameNameBorrower'> & {
  confirmSameNameBorrower: boolean;
  borrower?: BorrowerIdentity;
};

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
    validate: (raw) => validateFields(raw, requireDescription),
  });
  const fields = {
    title: described.title ?? null,
    type: described.type ?? null,
    loanReference: described.loanReference ?? null,
    borrowerReference: described.borrowerReference ?? null,
  };
  let borrower: { id: string; name: string } | null = null;
  if (described.borrower) {
    if (!borrowerIdSalt) throw new Error('ingestMultipartUpload needs borrowerIdSalt to link a borrower.');
    // A lender's staff is asked before a second borrower of a name the organization knows is made.
    const sameNameCheck = lender?.kind === 'staff' ? { organizationId: lender.organizationId, confirmed: described.confirmSameNameBorrower } : undefined;
    borrower = await resolveBorrowerOnce(prisma, described.borrower, borrowerIdSalt, sameNameCheck);
  }
  // Multipart boundaries differ between retries, so a retry is recognised by what was uploaded,
  // not by its bytes on the wire.
  const requestSha256 = new Uint8Array(
    createHash('sha256')
      .update(
        canonicalize({
          endpoint: 'POST /api/v1/evidence/files',
          sha256: stored.storageKey,
          fileName,
          mediaType,
          ...fields,
          borrower: described.borrower ?? null,
          ...(described.source ? { source: described.source } : {}),
        })!,
      )
      .digest(),
  );
  const reply = await ingestIdempotently({
    prisma,
    scope: idempotencyKey === null || organizationId === null ? null : { organizationId, key: idempotencyKey },
    hashRequest: async () => requestSha256,
    prepare: () => undefined,
    ingest: async (tx) => {
      const submission = submissionOf(submitter, idempotencyKey);
      const evidenceId = randomUUID();
      const [row] = await insertEvidenceRows(tx, {
        organizationId,
        kind: 'file',
        submittedByUserId: lender?.kind === 'staff' ? lender.userId : null,
        submissionId: submission.id,
        submissions: [submission],
        // The entry commits with the row, through the outbox: see lib/audit/append-audit-entry.ts.
        audits: [
          {
            event: {
              actor: submitter === null ? SYSTEM_ACTOR : auditActorOf(submitter),
              action: 'evidence.upload',
              targetType: 'evidence',
              targetId: evidenceId,
              details: { sha256: toHex(stored.sha256), fileName, size: stored.size, borrowerId: borrower?.id ?? null },
            },
            rows: 1,
          },
        ],
        rows: [
          {
            id: evidenceId,
            sha256: stored.sha256,
            size: stored.size,
            storageKey: stored.storageKey,
            fileName,
            mediaType,
            evidenceType: fields.type,
            loanReference: fields.loanReference,
            borrowerReference: fields.borrowerReference,
            canonicalRecord: null,
            title: fields.title,
            borrowerId: borrower?.id ?? null,
            source: described.source ?? null,
          },
        ],
      });
      // The same bytes notarized before by the organization: said in the answer, not refused.
      const earlier =
        organizationId === null
          ? undefined
          : (
              await tx.query<{ id: string; title: string | null; file_name: string; submitted_at: Date }>(
                `SELECT id::text AS id, title, file_name, submitted_at FROM evidence
                  WHERE organization_id = $1 AND sha256 = $2 AND id <> $3 ORDER BY sequence LIMIT 1`,
                [organizationId, Buffer.from(stored.sha256), row.id],
              )
            ).rows[0];
      const evidence: UploadedEvidence = {
        id: row.id,
        sequence: row.sequence.toString(),
        kind: 'file',
        title: fields.title,
        type: fields.type,
        loanReference: fields.loanReference,
        borrowerReference: fields.borrowerReference,
        borrower,
        sha256: toHex(stored.sha256),
        size: stored.size,
        fileName,
        mediaType,
        submittedAt: row.submittedAt.toISOString(),
        status: 'pending',
        duplicateOf: earlier ? { id: earlier.id, title: earlier.title, fileName: earlier.file_name, submittedAt: earlier.submitted_at.toISOString() } : null,
      };
      return { status: 201, bodyText: JSON.stringify(evidence), requestSha256 };
    },
  });
  const evidence = JSON.parse(reply.bodyText) as UploadedEvidence;
  // A replay stored nothing new and is not logged again.
  if (!reply.replayed) await chainAuditOutboxAfterCommit(prisma);
  return { ...evidence, replayed: reply.replayed };
}

/** Every field error at once, keyed by the multipart field name, so the form can show each beside its input. */
function validateFields(raw: Record<string, string>, requireDescription: boolean): Description {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const valid: FileFields = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!(FIELD_NAMES as string[]).includes(name)) {
      add(name, `is not a field of this upload; the fields are ${FIELD_NAMES.join(', ')}`);
      continue;
    }
    const parsed = fileFieldsSchema.shape[name as keyof FileFields].safeParse(value);
    if (parsed.success) Object.assign(valid, { [name]: parsed.data });
    else add(name, parsed.error.issues[0].message);
  }
  const { sha256: _sha256, borrowerName, borrowerIdNumber, borrowerPhone, borrowerEmail, confirmSameNameBorrower, ...description } = valid;
  let borrower: BorrowerIdentity | undefined;
  const namesBorrower = Object.values(BORROWER_FIELDS).some((field) => raw[field] !== undefined);
  if (namesBorrower || requireDescription) {
    const identity = borrowerIdentitySchema.safeParse({ name: borrowerName ?? '', idNumber: borrowerIdNumber, phone: borrowerPhone, email: borrowerEmail });
    if (identity.success) borrower = identity.data;
    else {
      for (const issue of identity.error.issues) {
        const field = BORROWER_FIELDS[issue.path[0] as keyof typeof BORROWER_FIELDS] ?? 'borrowerName';
        // A field whose value was refused already is not blamed twice, nor the missing identifier
        // when an identifier was given but refused.
        const identifierRefused = IDENTIFIER_FIELDS.some((f) => errors[f]);
        if (errors[field] || (issue.code === 'custom' && identifierRefused)) continue;
        add(field, field === 'borrowerName' && !borrowerName ? 'is missing' : issue.message);
      }
    }
  }
  if (requireDescription) {
    if (!raw.title && !errors.title) add('title', 'is missing');
    if (!raw.type && !errors.type) add('type', 'is missing');
  }
  if (Object.keys(errors).length > 0) throw new FieldErrorsError(errors);
  return { ...description, borrower, confirmSameNameBorrower: confirmSameNameBorrower === 'true' };
}

// Two uploads that name the same new borrower at once both try to create them; the loser of that
// race finds the winner's row on a second look.
async function resolveBorrowerOnce(
  prisma: PrismaClient,
  identity: BorrowerIdentity,
  borrowerIdSalt: string,
  sameNameCheck: { organizationId: string; confirmed: boolean } | undefined,
) {
  try {
    return await resolveBorrower({ db: prisma, identity, borrowerIdSalt, sameNameCheck });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return resolveBorrower({ db: prisma, identity, borrowerIdSalt, sameNameCheck });
  }
}

interface ReceivedFile {
  stored: StoredFile;
  fileName: string;
  mediaType: string;
  described: Description;
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
  validate: (raw: Record<string, string>) => Description;
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
    const check = (): Description | undefined => {
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

function normaliseFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return cleaned || 'unnamed';
}
