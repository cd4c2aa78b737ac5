import { Readable } from 'node:stream';
import { openEvidenceOriginal } from '@/lib/cases/open-evidence-original';
import { apiRoute } from '@/lib/http/api-route';
import { downloadHeaders, isPreviewable, previewHeaders } from '@/lib/http/attachment-disposition';

export const runtime = 'nodejs';

// ?disposition=inline shows a PDF or image original in the page (the case page's preview); any other
// type is still sent as a download.
export const GET = apiRoute<'either', { id: string }>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const original = await openEvidenceOriginal({ prisma, viewer, evidenceId: params.id, storageDir: config.storageDir });
  const file = { fileName: original.fileName, contentType: original.mediaType || 'application/octet-stream', contentLength: original.size };
  const inline = new URL(request.url).searchParams.get('disposition') === 'inline' && isPreviewable(file.contentType);
  return new Response(Readable.toWeb(original.stream) as ReadableStream, {
    headers: {
      ...(inline ? previewHeaders(file) : downloadHeaders(file)),
      'x-evident-sha256': original.sha256,
    },
  });
});
