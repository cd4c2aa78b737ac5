import { downloadCertificateBySerial } from '@/lib/certificates/download-certificate-by-serial';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute } from '@/lib/http/api-route';
import { certificateJsonResponse } from '@/lib/http/file-responses';

// Public by serial: audited as an anonymous download from the client address, without a session lookup.
export const GET = apiRoute<'none', { serial: string }>({ auth: 'none' }, async ({ viewer, prisma, config, params }) =>
  certificateJsonResponse(await downloadCertificateBySerial({ prisma, viewer, serial: params.serial, issuer: await loadIssuer(config) })),
);
