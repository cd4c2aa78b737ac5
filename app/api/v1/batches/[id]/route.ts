import { getPrisma } from '@/lib/db/client';
import { getBatchForOrganization } from '@/lib/batches/get-batch-for-organization';
import { requireApiCaller } from '@/lib/http/api-caller';
import { handleErrors } from '@/lib/http/problem-response';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const caller = await requireApiCaller(request);
  return Response.json(await getBatchForOrganization({ prisma: getPrisma(), batchId: id, organizationId: caller.organizationId }));
});
