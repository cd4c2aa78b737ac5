import { InvalidRequestError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { listReconciliationBreaks } from '@/lib/reconciliation/list-reconciliation-breaks';
import { breaksQuerySchema } from '@/lib/reconciliation/reconciliation-schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ request, viewer, prisma, params }) => {
  const parsed = breaksQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(
      issue.code === 'unrecognized_keys' ? `${issue.keys[0]}: is not a query parameter of this endpoint` : `${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return Response.json(await listReconciliationBreaks({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate, query: parsed.data }));
});
