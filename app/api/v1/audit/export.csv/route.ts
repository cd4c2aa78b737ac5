import { exportAuditCsv } from '@/lib/audit/export-audit-csv';
import { parseAuditFilters } from '@/lib/audit/audit-filters';
import { apiRoute } from '@/lib/http/api-route';
import { csvResponse } from '@/lib/http/file-responses';

export const runtime = 'nodejs';

export const GET = apiRoute({ auth: 'either' }, async ({ request, viewer, prisma }) =>
  csvResponse(await exportAuditCsv({ prisma, viewer, filters: parseAuditFilters(new URL(request.url).searchParams) })),
);
