import { apiRoute } from '@/lib/http/api-route';
import { streamedFileResponse } from '@/lib/http/file-responses';
import { parseQuery } from '@/lib/http/parse-query';
import { dayExportQuerySchema, exportReconciliationDay } from '@/lib/reconciliation/export-reconciliation-day';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ request, viewer, prisma, params }) => {
  const { document } = parseQuery(dayExportQuerySchema, request);
  return streamedFileResponse(await exportReconciliationDay({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate, document }));
});
