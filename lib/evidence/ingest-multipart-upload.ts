// Web and API file upload: one multipart/form-data request carries a `sha256` field (the digest the
// sender computed, sent before the file), optionally `type`, `loanReference` and `borrowerReference`,
// and exactly one `file` part. The file streams through storage, hashed on the way; the evidence row
// is written only after the file is durable on disk. With an API key the evidence belongs to the
// key's organization, and an Idempotency-Key makes retries safe; without one it is an anonymous web
// upload (until the portals issue puts the web portal behind a login).
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import canonicalize from 'canonicalize';
import type { PrismaClient } from '../db/client';
import { InvalidRequestError, InvalidUploadError, UploadTooLargeError } from '../errors';
import { toHex } from '../hex';
import { storeStream, type StoredFile } from '../storage/store-stream';
import { fileFieldsSchema, type EvidenceType, type UploadedEvidence } from './evidence-schemas';
import { ingestIdempotently } from './ingest-idempotently';
import { insertEvidenceRows } from './insert-evidence-rows';

const SHA256_HEX = /^0x[0-9a-f]{64}$/;

type FileFields = { type?: EvidenceType; loanReference?: string; borrowerReference?: string };

export async function ingestMultipartUpload({
  prisma,
  storageDir,
  maxBytes,
  contentType,
  contentLength,
  body,
  organizationId = null,
  idempotencyKey = null,
}: {
  prisma: PrismaClient;
  storageDir: string;
  maxBytes: number;
  contentType: string | null;
  contentLength: number | null;
  body: Readable;
  organizationId?: string | null;
  idempotencyKey?: string | null;
}): Promise<UploadedEvidence & { replayed: boolean }> {
  if (idempotencyKey !== null && organizationId === null) {
    throw new InvalidRequestError('Idempotency-Key needs an API key: retries are matched per organization.');
  }
  if (!contentType || !contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new InvalidUploadError('Send the file as multipart/form-data with a `file` part.');
  }
  // Multipart framing adds a few hundred bytes; anything far beyond the limit is refused before reading.
  if (contentLength !== null && contentLength > maxBytes + 64 * 1024) throw new UploadTooLargeError(maxBytes);

  const { stored, fileName, mediaType, fields } = await receiveFile({ storageDir, maxBytes, contentType, body });
  const described = {
    type: fields.type ?? null,
    loanReference: fields.loanReference ?? null,
    borrowerReference: fields.borrowerReference ?? null,
  };
  // Multipart boundaries differ between retries, so a retry is recognised by what was uploaded,
  // not by its bytes on the wire.
  const requestSha256 = new Uint8Array(
    createHash('sha256')
      .update(canonicalize({ endpoint: 'POST /api/v1/evidence/files', sha256: stored.storageKey, fileName, mediaType, ...described })!)
      .digest(),
  );
  const reply = await ingestIdempotently({
    prisma,
    scope: idempotencyKey === null || organizationId === null ? null : { organizationId, key: idempotencyKey },
    hashRequest: async () => requestSha256,
    prepare: () => undefined,
    ingest: async (tx) => {
      const [row] = await insertEvidenceRows(tx, {
        organizationId,
        kind: 'file',
        rows: [
          {
            sha256: stored.sha256,
            size: stored.size,
            storageKey: stored.storageKey,
            fileName,
            mediaType,
            evidenceType: described.type,
            loanReference: described.loanReference,
            borrowerReference: described.borrowerReference,
            canonicalRecord: null,
          },
        ],
      });
      const evidence: UploadedEvidence = {
        id: row.id,
        sequence: row.sequence.toString(),
        kind: 'file',
        ...described,
        sha256: toHex(stored.sha256),
        size: stored.size,
        fileName,
        mediaType,
        submittedAt: row.submittedAt.toISOString(),
        status: 'pending',
      };
      return { status: 201, bodyText: JSON.stringify(evidence), requestSha256 };
    },
  });
  return { ...(JSON.parse(reply.bodyText) as UploadedEvidence), replayed: reply.replayed };
}

interface ReceivedFile {
  stored: StoredFile;
  fileName: string;
  mediaType: string;
  fields: FileFields;
}

function receiveFile({
  storageDir,
  maxBytes,
  contentType,
  body,
}: {
  storageDir: string;
  maxBytes: number;
  contentType: string;
  body: Readable;
}): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 10, fieldSize: 4096 } });
    } catch (error) {
      reject(new InvalidUploadError(`Malformed multipart request: ${(error as Error).message}`));
      return;
    }
    let clientSha256: string | undefined;
    const fields: FileFields = {};
    let storing: Promise<Omit<ReceivedFile, 'fields'>> | undefined;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      body.unpipe(parser);
      body.resume();
      reject(error);
    };

    parser.on('field', (name, value) => {
      if (name === 'sha256') {
        clientSha256 = value.trim().toLowerCase();
        if (!SHA256_HEX.test(clientSha256)) {
          fail(new InvalidUploadError('The `sha256` field must be a 0x-prefixed 64-digit hex digest.'));
        }
        return;
      }
      if (name !== 'type' && name !== 'loanReference' && name !== 'borrowerReference') {
        fail(new InvalidUploadError(`Unknown field \`${name}\`: the fields are sha256, type, loanReference and borrowerReference.`));
        return;
      }
      const parsed = fileFieldsSchema.shape[name].safeParse(value);
      if (!parsed.success) fail(new InvalidUploadError(`The \`${name}\` field: ${parsed.error.issues[0].message}.`));
      else Object.assign(fields, { [name]: parsed.data });
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || storing) {
        stream.resume();
        return;
      }
      const fileName = normaliseFileName(info.filename);
      storing = storeStream({
        storageDir,
        source: stream,
        maxBytes,
        expectedSha256: () => clientSha256,
      }).then((stored) => ({ stored, fileName, mediaType: info.mimeType || 'application/octet-stream' }));
      storing.catch(fail);
    });
    parser.on('filesLimit', () => fail(new InvalidUploadError('Send exactly one file per request.')));
    parser.on('error', (error: Error) => fail(new InvalidUploadError(`Malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      if (failed) return;
      if (!storing) return fail(new InvalidUploadError('The request has no `file` part.'));
      storing.then(
        (received) => {
          resolve({ ...received, fields });
        },
        fail,
      );
    });
    body.on('error', (error) => fail(new InvalidUploadError(`The upload was interrupted: ${error.message}`)));
    body.pipe(parser);
  });
}

function normaliseFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return cleaned || 'unnamed';
}
