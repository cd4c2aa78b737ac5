import { apiRoute } from '@/lib/http/api-route';
import { parseQuery } from '@/lib/http/parse-query';
import { listReconciliationDays } from '@/lib/reconciliation/list-reconciliation-days';
import { dayListQuerySchema } from '@/lib/reconciliation/reconciliation-schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<'either', { pairId: string }>({ auth: 'either' }, async ({ request, viewer, prisma, params }) => {
  const query = parseQuery(dayListQuerySchema, request);
  return Response.json(await listReconciliationDays({ prisma, viewer, pairId: params.pairId, ...query }));
});
