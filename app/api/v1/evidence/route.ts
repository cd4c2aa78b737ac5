import { evidenceListQuerySchema } from '@/lib/evidence/evidence-schemas';
import { listOrganizationEvidence } from '@/lib/evidence/list-organization-evidence';
import { apiRoute } from '@/lib/http/api-route';
import { parseQuery } from '@/lib/http/parse-query';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'key' }, async ({ request, viewer, prisma, config }) => {
  const query = parseQuery(evidenceListQuerySchema, request);
  return Response.json(
    await listOrganizationEvidence({
      prisma,
      viewer,
      query: query,
      publicBaseUrl: config.publicBaseUrl,
    }),
  );
});
