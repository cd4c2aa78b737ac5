// Web and API file upload: one multipart/form-data request carries a `sha256` field (the digest the
// sender computed, sent before the file) and exactly one `file` part. The file streams through
// storage, hashed on the way; the evidence row is written only after the file is durable on disk.
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { InvalidUploadError, UploadTooLargeError } from '../errors';
import { storeStream, type StoredFile } from '../storage/store-stream';
import { recordEvidence, type RecordedEvidence } from './record-evidence';
import type { PrismaClient } from '../db/client';

const SHA256_HEX = /^0x[0-9a-f]{64}$/;

export async function ingestMultipartUpload({
  prisma,
  storageDir,
  maxBytes,
  contentType,
  contentLength,
  body,
}: {
  prisma: PrismaClient;
  storageDir: string;
  maxBytes: number;
  contentType: string | null;
  contentLength: number | null;
  body: Readable;
}): Promise<RecordedEvidence> {
  if (!contentType || !contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new InvalidUploadError('Send the file as multipart/form-data with a `file` part.');
  }
  // Multipart framing adds a few hundred bytes; anything far beyond the limit is refused before reading.
  if (contentLength !== null && contentLength > maxBytes + 64 * 1024) throw new UploadTooLargeError(maxBytes);

  const { stored, fileName, mediaType } = await receiveFile({ storageDir, maxBytes, contentType, body });
  return recordEvidence({
    prisma,
    sha256: stored.sha256,
    size: stored.size,
    storageKey: stored.storageKey,
    fileName,
    mediaType,
  });
}

interface ReceivedFile {
  stored: StoredFile;
  fileName: string;
  mediaType: string;
  clientSha256?: string;
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
    let storing: Promise<ReceivedFile> | undefined;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      body.unpipe(parser);
      body.resume();
      reject(error);
    };

    parser.on('field', (name, value) => {
      if (name !== 'sha256') return;
      clientSha256 = value.trim().toLowerCase();
      if (!SHA256_HEX.test(clientSha256)) {
        fail(new InvalidUploadError('The `sha256` field must be a 0x-prefixed 64-digit hex digest.'));
      }
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
      }).then((stored) => ({ stored, fileName, mediaType: info.mimeType || 'application/octet-stream', clientSha256 }));
      storing.catch(fail);
    });
    parser.on('filesLimit', () => fail(new InvalidUploadError('Send exactly one file per request.')));
    parser.on('error', (error: Error) => fail(new InvalidUploadError(`Malformed multipart request: ${error.message}`)));
    parser.on('close', () => {
      if (failed) return;
      if (!storing) return fail(new InvalidUploadError('The request has no `file` part.'));
      storing.then(
        (received) => {
          resolve({ ...received, clientSha256 });
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
