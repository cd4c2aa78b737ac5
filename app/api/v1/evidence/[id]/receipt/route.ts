import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { renderEvidenceDocument } from '@/lib/certificates/certificate-documents';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { pdfResponse } from '@/lib/http/file-responses';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const config = getConfig();
  const issuer = await loadIssuer(config);
  return pdfResponse(
    await renderEvidenceDocument({ prisma: getPrisma(), issuer, publicBaseUrl: config.publicBaseUrl, kind: 'receipt', evidenceId: id }),
  );
});
