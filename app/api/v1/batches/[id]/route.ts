import { getPrisma } from '@/lib/db/client';
import { getBatchForOrganization } from '@/lib/batches/get-batch-for-organization';
import { handleErrors } from '@/lib/http/problem-response';
import { requireApiKeyViewer } from '@/lib/http/request-viewer';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const viewer = await requireApiKeyViewer(request);
  return Response.json(await getBatchForOrganization({ prisma: getPrisma(), batchId: id, viewer }));
});
