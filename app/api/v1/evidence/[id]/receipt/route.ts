import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { downloadEvidenceDocument } from '@/lib/certificates/download-evidence-document';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { pdfResponse } from '@/lib/http/file-responses';
import { requestViewer } from '@/lib/http/request-viewer';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const viewer = await requestViewer(request);
  const config = getConfig();
  const issuer = await loadIssuer(config);
  return pdfResponse(
    await downloadEvidenceDocument({ prisma: getPrisma(), viewer, evidenceId: id, kind: 'receipt', issuer, publicBaseUrl: config.publicBaseUrl }),
  );
});
