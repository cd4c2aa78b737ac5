import { getPrisma } from '@/lib/db/client';
import { getCertificateStatus } from '@/lib/certificates/certificate-status';
import { handleErrors } from '@/lib/http/problem-response';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  const { serial } = await params;
  return Response.json(await getCertificateStatus({ prisma: getPrisma(), serial }), {
    headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
  });
});
