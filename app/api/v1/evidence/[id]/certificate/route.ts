import { buildCertificate } from '@/lib/certificates/build-certificate';
import { certificateFileName } from '@/lib/certificates/certificate-schema';
import { getPrisma } from '@/lib/db/client';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const certificate = await buildCertificate({ prisma: getPrisma(), evidenceId: id });
  return new Response(JSON.stringify(certificate, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${certificateFileName(certificate)}"`,
    },
  });
});
