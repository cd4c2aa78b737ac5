import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { InvalidUploadError } from '@/lib/errors';
import { ingestMultipartUpload } from '@/lib/evidence/ingest-multipart-upload';
import { parseIdempotencyKey } from '@/lib/evidence/ingest-idempotently';
import { apiRoute } from '@/lib/http/api-route';

export const runtime = 'nodejs';

// A lender's portal user (session cookie) or system (API key) uploads; the evidence belongs to
// their organization. Anyone else is refused by ingestMultipartUpload's authorize().
export const POST = apiRoute({ auth: 'either' }, async ({ request, viewer: submitter, prisma, config }) => {
  const idempotencyKey = parseIdempotencyKey(request.headers.get('idempotency-key'));
  if (!request.body) throw new InvalidUploadError('The request has no body.');
  const { storageDir, maxUploadBytes, borrowerIdSalt } = config;
  const length = request.headers.get('content-length');
  const { replayed, ...evidence } = await ingestMultipartUpload({
    prisma,
    storageDir,
    maxBytes: maxUploadBytes,
    contentType: request.headers.get('content-type'),
    contentLength: length === null ? null : Number(length),
    body: Readable.fromWeb(request.body as unknown as NodeWebStream),
    submitter,
    borrowerIdSalt,
    idempotencyKey,
  });
  return Response.json(evidence, {
    status: 201,
    headers: { location: `/api/v1/evidence/${evidence.id}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });
});
