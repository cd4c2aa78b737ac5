// GET /api/v1/evidence/{id}/certificate/pdf and /receipt: the same route for the two PDFs of an item
// (the certificate, and the borrower's proof receipt); the route files each export one.
import { downloadEvidenceDocument } from '../certificates/download-evidence-document';
import { loadIssuer } from '../certificates/load-issuer';
import { documentOperatorOf } from '../certificates/pdf-legal-page';
import { apiRoute } from './api-route';
import { pdfResponse } from './file-responses';

export function evidenceDocumentRoute(kind: 'certificate' | 'receipt') {
  return apiRoute<'either', { id: string }>({ auth: 'either' }, async ({ viewer, prisma, config, params }) =>
    pdfResponse(
      await downloadEvidenceDocument({
        prisma,
        viewer,
        evidenceId: params.id,
        kind,
        issuer: await loadIssuer(config),
        publicBaseUrl: config.publicBaseUrl,
        operator: documentOperatorOf(config),
      }),
    ),
  );
}
