import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { getEvidence } from '@/lib/evidence/get-evidence';
import { requestViewer } from '@/lib/http/request-viewer';
import { handleErrors } from '@/lib/http/problem-response';

export const dynamic = 'force-dynamic';

// An API key or a portal session; getEvidence answers 404 for evidence the viewer may not see.
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(
    await getEvidence({
      prisma: getPrisma(),
      evidenceId: id,
      viewer: await requestViewer(request),
      publicBaseUrl: getConfig().publicBaseUrl,
    }),
  );
});
