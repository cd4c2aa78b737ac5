import { getPrisma } from '@/lib/db/client';
import { listRecentEvidence } from '@/lib/evidence/list-recent-evidence';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async () => {
  return Response.json({ items: await listRecentEvidence({ prisma: getPrisma() }) });
});
