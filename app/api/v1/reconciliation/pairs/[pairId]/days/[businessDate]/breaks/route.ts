import { apiRoute } from '@/lib/http/api-route';
import { parseQuery } from '@/lib/http/parse-query';
import { listReconciliationBreaks } from '@/lib/reconciliation/list-reconciliation-breaks';
import { breaksQuerySchema } from '@/lib/reconciliation/reconciliation-schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ request, viewer, prisma, params }) => {
  const query = parseQuery(breaksQuerySchema, request);
  return Response.json(await listReconciliationBreaks({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate, query: query }));
});
