import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { parseVerifyRequest } from '@/lib/certificates/parse-verify-request';
import { verifySubmittedCertificate } from '@/lib/certificates/verify-submitted-certificate';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const POST = handleErrors(async (request: Request) => {
  const { certificate, fileSha256 } = await parseVerifyRequest(request);
  const config = getConfig();
  const issuer = await loadIssuer(config);
  const report = await verifySubmittedCertificate({
    prisma: getPrisma(),
    certificate,
    fileSha256,
    chainRpcUrl: config.chainRpcUrl,
    issuerAddress: issuer.address,
  });
  // A certificate that does not even parse is a client error; a well-formed one that fails a
  // check is a successful verification with a negative result.
  const unreadable = report.checks.some((c) => c.id === 'certificate-format' && c.status === 'fail');
  return Response.json(report, { status: unreadable ? 422 : 200 });
});
