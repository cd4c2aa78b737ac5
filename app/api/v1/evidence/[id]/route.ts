import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { getEvidence } from '@/lib/evidence/get-evidence';
import { optionalApiCaller } from '@/lib/http/api-caller';
import { handleErrors } from '@/lib/http/problem-response';

export const dynamic = 'force-dynamic';

// With an API key, only the key's organization's evidence is found. Without an Authorization
// header, the upload page polls its anonymous uploads here: that anonymous read (of evidence with no
// organization only) is temporary, until the portals issue puts the web pages behind a login.
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const caller = await optionalApiCaller(request);
  return Response.json(
    await getEvidence({
      prisma: getPrisma(),
      evidenceId: id,
      visibleTo: { organizationId: caller?.organizationId ?? null },
      publicBaseUrl: getConfig().publicBaseUrl,
    }),
  );
});
