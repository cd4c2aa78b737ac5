import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { InvalidUploadError } from '@/lib/errors';
import { ingestMultipartUpload } from '@/lib/evidence/ingest-multipart-upload';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const POST = handleErrors(async (request: Request) => {
  if (!request.body) throw new InvalidUploadError('The request has no body.');
  const { storageDir, maxUploadBytes } = getConfig();
  const length = request.headers.get('content-length');
  const evidence = await ingestMultipartUpload({
    prisma: getPrisma(),
    storageDir,
    maxBytes: maxUploadBytes,
    contentType: request.headers.get('content-type'),
    contentLength: length === null ? null : Number(length),
    body: Readable.fromWeb(request.body as unknown as NodeWebStream),
  });
  return Response.json(
    { ...evidence, sequence: evidence.sequence.toString(), submittedAt: evidence.submittedAt.toISOString(), status: 'pending' },
    { status: 201, headers: { location: `/api/v1/evidence/${evidence.id}` } },
  );
});
