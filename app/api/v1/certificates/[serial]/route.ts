import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { clientIpOf } from '@/lib/auth/client-ip';
import { anonymousViewer } from '@/lib/auth/viewer';
import { downloadCertificateBySerial } from '@/lib/certificates/download-certificate-by-serial';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { certificateJsonResponse } from '@/lib/http/file-responses';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  const { serial } = await params;
  const issuer = await loadIssuer(getConfig());
  // Public by serial: audited as an anonymous download from the client address, without a session lookup.
  const viewer = anonymousViewer(clientIpOf(request.headers));
  return certificateJsonResponse(await downloadCertificateBySerial({ prisma: getPrisma(), viewer, serial, issuer }));
});
