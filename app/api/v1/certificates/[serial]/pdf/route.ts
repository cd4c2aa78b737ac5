import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { clientIpOf } from '@/lib/auth/client-ip';
import { anonymousViewer } from '@/lib/auth/viewer';
import { downloadCertificatePdfBySerial } from '@/lib/certificates/download-certificate-pdf-by-serial';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { pdfResponse } from '@/lib/http/file-responses';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ serial: string }> }) => {
  const { serial } = await params;
  const config = getConfig();
  const issuer = await loadIssuer(config);
  // Public by serial: audited as an anonymous download from the client address, without a session lookup.
  const viewer = anonymousViewer(clientIpOf(request.headers));
  return pdfResponse(await downloadCertificatePdfBySerial({ prisma: getPrisma(), viewer, serial, issuer, publicBaseUrl: config.publicBaseUrl }));
});
