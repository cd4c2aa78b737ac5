import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { InvalidUploadError } from '@/lib/errors';
import { ingestMultipartUpload } from '@/lib/evidence/ingest-multipart-upload';
import { parseIdempotencyKey } from '@/lib/evidence/ingest-idempotently';
import { optionalApiCaller } from '@/lib/http/api-caller';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

// The API key is optional for now: without one this is the web page's anonymous upload, which the
// portals issue puts behind a login. With one, the evidence belongs to the key's organization.
export const POST = handleErrors(async (request: Request) => {
  const caller = await optionalApiCaller(request);
  const idempotencyKey = parseIdempotencyKey(request.headers.get('idempotency-key'));
  if (!request.body) throw new InvalidUploadError('The request has no body.');
  const { storageDir, maxUploadBytes } = getConfig();
  const length = request.headers.get('content-length');
  const { replayed, ...evidence } = await ingestMultipartUpload({
    prisma: getPrisma(),
    storageDir,
    maxBytes: maxUploadBytes,
    contentType: request.headers.get('content-type'),
    contentLength: length === null ? null : Number(length),
    body: Readable.fromWeb(request.body as unknown as NodeWebStream),
    organizationId: caller?.organizationId ?? null,
    idempotencyKey,
  });
  return Response.json(evidence, {
    status: 201,
    headers: { location: `/api/v1/evidence/${evidence.id}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });
});
