import { getEvidence } from '@/lib/evidence/get-evidence';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

// An API key or a portal session; getEvidence answers 404 for evidence the viewer may not see.
export const GET = apiRoute<'either', { id: string }>({ auth: 'either' }, async ({ viewer, prisma, config, params }) =>
  Response.json(await getEvidence({ prisma, evidenceId: params.id, viewer, publicBaseUrl: config.publicBaseUrl })),
);
