import { InvalidRequestError } from '@/lib/errors';
import { evidenceListQuerySchema } from '@/lib/evidence/evidence-schemas';
import { listOrganizationEvidence } from '@/lib/evidence/list-organization-evidence';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'key' }, async ({ request, viewer, prisma, config }) => {
  const parsed = evidenceListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.');
    throw new InvalidRequestError(`${field}: ${issue.code === 'unrecognized_keys' ? 'is not a query parameter of this endpoint' : issue.message}`);
  }
  return Response.json(
    await listOrganizationEvidence({
      prisma,
      viewer,
      query: parsed.data,
      publicBaseUrl: config.publicBaseUrl,
    }),
  );
});
