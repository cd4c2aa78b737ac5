import { downloadEvidenceCertificate } from '@/lib/certificates/download-evidence-certificate';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute } from '@/lib/http/api-route';
import { certificateJsonResponse } from '@/lib/http/file-responses';

export const GET = apiRoute<'either', { id: string }>({ auth: 'either' }, async ({ viewer, prisma, config, params }) =>
  certificateJsonResponse(await downloadEvidenceCertificate({ prisma, viewer, evidenceId: params.id, issuer: await loadIssuer(config) })),
);
