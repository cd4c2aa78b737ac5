import { apiRoute } from '@/lib/http/api-route';
import { readRequestBody } from '@/lib/http/read-request-body';
import { listBlindOpenings, OPENINGS_BODY_MAX_BYTES, parseOpeningsBody, submitBlindOpenings } from '@/lib/reconciliation/blind-openings';

export const dynamic = 'force-dynamic';

type Params = { pairId: string; businessDate: string; ordinal: string };
const ordinalOf = (text: string) => (/^(0|[1-9][0-9]{0,8})$/.test(text) ? Number(text) : -1);

// Both banks' accepted openings of a blind day's field-mismatch break.
export const GET = apiRoute<'either', Params>({ auth: 'either' }, async ({ viewer, prisma, params }) =>
  Response.json(await listBlindOpenings({ prisma, viewer, pairId: params.pairId, businessDate: params.businessDate, ordinal: ordinalOf(params.ordinal) })),
);

// The caller's bank opens fields of the break: each is checked against its own side's commitment.
export const POST = apiRoute<'either', Params>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const body = parseOpeningsBody(await readRequestBody(request, OPENINGS_BODY_MAX_BYTES));
  const openings = await submitBlindOpenings({
    prisma,
    viewer,
    pairId: params.pairId,
    businessDate: params.businessDate,
    ordinal: ordinalOf(params.ordinal),
    body,
    storageDir: config.storageDir,
  });
  return Response.json(openings);
});
