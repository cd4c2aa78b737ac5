import { loadIssuer } from '@/lib/certificates/load-issuer';
import { InvalidRequestError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { reconciliationCertificateResponse } from '@/lib/http/file-responses';
import { breakCertificateQuerySchema } from '@/lib/reconciliation/reconciliation-schemas';
import { issueBreakCertificate } from '@/lib/reconciliation/issue-break-certificate';

export const dynamic = 'force-dynamic';

// The reconciliation certificate of one break (issued at first download, the same bytes after).
export const GET = apiRoute<'either', { pairId: string; businessDate: string; ordinal: string }>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const parsed = breakCertificateQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequestError(issue.code === 'unrecognized_keys' ? `${issue.keys[0]}: is not a query parameter of this endpoint` : `${issue.path.join('.')}: ${issue.message}`);
  }
  const ordinal = /^(0|[1-9][0-9]{0,8})$/.test(params.ordinal) ? Number(params.ordinal) : -1;
  const certificate = await issueBreakCertificate({
    prisma,
    viewer,
    pairId: params.pairId,
    businessDate: params.businessDate,
    ordinal,
    proof: parsed.data.proof,
    storageDir: config.storageDir,
    keySecret: config.reconciliationKeySecret ?? '',
    issuer: await loadIssuer(config),
  });
  return reconciliationCertificateResponse(certificate);
});
