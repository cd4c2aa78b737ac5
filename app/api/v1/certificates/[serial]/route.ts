import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { issueCertificateBySerial } from '@/lib/certificates/issue-certificate-by-serial';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { certificateJsonResponse } from '@/lib/http/file-responses';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  const { serial } = await params;
  const issuer = await loadIssuer(getConfig());
  return certificateJsonResponse(await issueCertificateBySerial({ prisma: getPrisma(), serial, issuer }));
});
