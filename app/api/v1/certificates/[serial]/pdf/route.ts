import { downloadCertificatePdfBySerial } from '@/lib/certificates/download-certificate-pdf-by-serial';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute } from '@/lib/http/api-route';
import { documentOperatorOf } from '@/lib/certificates/pdf-legal-page';
import { pdfResponse } from '@/lib/http/file-responses';

export const runtime = 'nodejs';

// Public by serial: audited as an anonymous download from the client address, without a session lookup.
export const GET = apiRoute<'none', { serial: string }>({ auth: 'none' }, async ({ viewer, prisma, config, params }) =>
  pdfResponse(
    await downloadCertificatePdfBySerial({
      prisma,
      viewer,
      serial: params.serial,
      issuer: await loadIssuer(config),
      publicBaseUrl: config.publicBaseUrl,
      operator: documentOperatorOf(config),
    }),
  ),
);
