import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute } from '@/lib/http/api-route';
import { readRequestBody } from '@/lib/http/read-request-body';
import { getSignOffRequest } from '@/lib/reconciliation/get-sign-off-request';
import { parseSignOffBody, SIGN_OFF_BODY_MAX_BYTES, signOffStatement } from '@/lib/reconciliation/sign-off-statement';

export const dynamic = 'force-dynamic';

// What the caller's bank signs to sign the day's statement off (EIP-712 typed data), and the sign-offs so far.
export const GET = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ viewer, prisma, params }) =>
  Response.json(await getSignOffRequest({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate })),
);

// The caller's bank's sign-off: its decision, objections when disputed, and its signature.
export const POST = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const body = parseSignOffBody(await readRequestBody(request, SIGN_OFF_BODY_MAX_BYTES));
  const statement = await signOffStatement({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate, body, issuer: await loadIssuer(config) });
  return Response.json(statement);
});
