import { evidenceSearchSchema } from '@/lib/evidence/evidence-schemas';
import { exportEvidenceCsv } from '@/lib/evidence/export-evidence-csv';
import { apiRoute } from '@/lib/http/api-route';
import { csvResponse } from '@/lib/http/file-responses';

export const runtime = 'nodejs';

/** The lender evidence list (/lender) as CSV, under the page's filters. */
export const GET = apiRoute({ auth: 'session' }, async ({ request, viewer, prisma }) => {
  const { page: _page, ...filters } = evidenceSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse(await exportEvidenceCsv({ prisma, viewer, filters }));
});
