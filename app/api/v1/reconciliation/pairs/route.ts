import { apiRoute } from '@/lib/http/api-route';
import { listReconciliationPairs } from '@/lib/reconciliation/list-reconciliation-pairs';

export const dynamic = 'force-dynamic';

// The co-lending pairs the caller's bank is in; anyone else is refused by the service's authorize().
export const GET = apiRoute({ auth: 'either' }, async ({ viewer, prisma }) => Response.json(await listReconciliationPairs({ prisma, viewer })));
