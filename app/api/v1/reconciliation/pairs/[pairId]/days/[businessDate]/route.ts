import { apiRoute } from '@/lib/http/api-route';
import { getReconciliationDay } from '@/lib/reconciliation/get-reconciliation-day';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ viewer, prisma, params }) =>
  Response.json(await getReconciliationDay({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate })),
);
