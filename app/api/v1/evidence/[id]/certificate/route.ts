import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { certificateJsonResponse } from '@/lib/http/file-responses';
import { handleErrors } from '@/lib/http/problem-response';

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const issuer = await loadIssuer(getConfig());
  return certificateJsonResponse(await issueCertificate({ prisma: getPrisma(), evidenceId: id, issuer }));
});
