import { loadIssuer } from '@/lib/certificates/load-issuer';
import { parseVerifyRequest } from '@/lib/certificates/parse-verify-request';
import { verifySubmittedCertificate } from '@/lib/certificates/verify-submitted-certificate';
import { apiRoute } from '@/lib/http/api-route';
import { loadTrustedTsaRoots } from '@/lib/timestamps/load-trusted-tsa-roots';

export const runtime = 'nodejs';

// Public: anyone may have a certificate verified.
export const POST = apiRoute({ auth: 'none' }, async ({ request, prisma, config }) => {
  const { certificate, fileSha256 } = await parseVerifyRequest(request);
  const issuer = await loadIssuer(config);
  const report = await verifySubmittedCertificate({
    prisma,
    certificate,
    fileSha256,
    chainRpcUrl: config.chainRpcUrl,
    issuerAddress: issuer.address,
    trustedTsaRoots: loadTrustedTsaRoots(config),
  });
  // A certificate that does not even parse is a client error; a well-formed one that fails a
  // check is a successful verification with a negative result.
  const unreadable = report.checks.some((c) => c.id === 'certificate-format' && c.status === 'fail');
  return Response.json(report, { status: unreadable ? 422 : 200 });
});
