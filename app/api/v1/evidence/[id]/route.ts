import { getPrisma } from '@/lib/db/client';
import { getEvidence } from '@/lib/evidence/get-evidence';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return Response.json(await getEvidence({ prisma: getPrisma(), evidenceId: id }));
});
