import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { downloadEvidenceCertificate } from '@/lib/certificates/download-evidence-certificate';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { certificateJsonResponse } from '@/lib/http/file-responses';
import { requestViewer } from '@/lib/http/request-viewer';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const viewer = await requestViewer(request);
  const issuer = await loadIssuer(getConfig());
  return certificateJsonResponse(await downloadEvidenceCertificate({ prisma: getPrisma(), viewer, evidenceId: id, issuer }));
});
