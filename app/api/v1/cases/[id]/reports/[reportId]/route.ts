import { downloadVerificationReport, REPORT_FORMATS, type ReportFormat } from '@/lib/cases/download-verification-report';
import { InvalidRequestError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { downloadHeaders } from '@/lib/http/attachment-disposition';

export const runtime = 'nodejs';

/** GET /api/v1/cases/{id}/reports/{reportId}?format=json|csv (json by default). */
export const GET = apiRoute<'either', { id: string; reportId: string }>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const format = new URL(request.url).searchParams.get('format') ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new InvalidRequestError(`format must be one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(format)}.`);
  }
  const file = await downloadVerificationReport({
    prisma,
    viewer,
    caseId: params.id,
    reportId: params.reportId,
    format: format as ReportFormat,
    operatorStatements: config.operatorStatements,
    operatorSealImage: config.operatorSealImage,
  });
  return new Response(new Uint8Array(file.body), {
    headers: downloadHeaders({ fileName: file.fileName, contentType: file.contentType }),
  });
});
