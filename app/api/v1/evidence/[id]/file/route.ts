import { Readable } from 'node:stream';
import { openEvidenceOriginal } from '@/lib/cases/open-evidence-original';
import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { attachmentDisposition } from '@/lib/http/attachment-disposition';
import { handleErrors } from '@/lib/http/problem-response';
import { requestViewer } from '@/lib/http/request-viewer';

export const runtime = 'nodejs';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const original = await openEvidenceOriginal({
    prisma: getPrisma(),
    viewer: await requestViewer(request),
    evidenceId: id,
    storageDir: getConfig().storageDir,
  });
  return new Response(Readable.toWeb(original.stream) as ReadableStream, {
    headers: {
      'content-type': original.mediaType || 'application/octet-stream',
      'content-length': String(original.size),
      'content-disposition': attachmentDisposition(original.fileName),
      'x-evident-sha256': original.sha256,
      'cache-control': 'private, no-store',
    },
  });
});
