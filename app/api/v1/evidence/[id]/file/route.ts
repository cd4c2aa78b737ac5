import { Readable } from 'node:stream';
import { openEvidenceOriginal } from '@/lib/cases/open-evidence-original';
import { apiRoute } from '@/lib/http/api-route';
import { downloadHeaders } from '@/lib/http/attachment-disposition';

export const runtime = 'nodejs';

export const GET = apiRoute<'either', { id: string }>({ auth: 'either' }, async ({ viewer, prisma, config, params }) => {
  const original = await openEvidenceOriginal({ prisma, viewer, evidenceId: params.id, storageDir: config.storageDir });
  return new Response(Readable.toWeb(original.stream) as ReadableStream, {
    headers: {
      ...downloadHeaders({ fileName: original.fileName, contentType: original.mediaType || 'application/octet-stream', contentLength: original.size }),
      'x-evident-sha256': original.sha256,
    },
  });
});
