import { getPrisma } from '@/lib/db/client';
import { downloadVerificationReport, REPORT_FORMATS, type ReportFormat } from '@/lib/cases/download-verification-report';
import { InvalidRequestError } from '@/lib/errors';
import { attachmentDisposition } from '@/lib/http/attachment-disposition';
import { handleErrors } from '@/lib/http/problem-response';
import { requestViewer } from '@/lib/http/request-viewer';

export const runtime = 'nodejs';

/** GET /api/v1/cases/{id}/reports/{reportId}?format=json|csv (json by default). */
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string; reportId: string }> }) => {
  const { id, reportId } = await params;
  const format = new URL(request.url).searchParams.get('format') ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new InvalidRequestError(`format must be one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}.`);
  }
  const file = await downloadVerificationReport({
    prisma: getPrisma(),
    viewer: await requestViewer(request),
    caseId: id,
    reportId,
    format: format as ReportFormat,
  });
  return new Response(new Uint8Array(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': attachmentDisposition(file.fileName),
      'cache-control': 'private, no-store',
    },
  });
});
