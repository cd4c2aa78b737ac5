import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute } from '@/lib/http/api-route';
import { parseQuery } from '@/lib/http/parse-query';
import { reconciliationCertificateResponse } from '@/lib/http/file-responses';
import { breakCertificateQuerySchema } from '@/lib/reconciliation/reconciliation-schemas';
import { issueBreakCertificate } from '@/lib/reconciliation/issue-break-certificate';
import { reconciliationKeySecretOf } from '@/lib/reconciliation/pair-key-encryption';

export const dynamic = 'force-dynamic';

// The reconciliation certificate of one break (issued at first download, the same bytes after).
export const GET = apiRoute<'either', { pairId: string; businessDate: string; ordinal: string }>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const query = parseQuery(breakCertificateQuerySchema, request);
  const ordinal = /^(0|[1-9][0-9]{0,8})$/.test(params.ordinal) ? Number(params.ordinal) : -1;
  const certificate = await issueBreakCertificate({
    prisma,
    viewer,
    pairId: params.pairId,
    businessDate: params.businessDate,
    ordinal,
    proof: query.proof,
    storageDir: config.storageDir,
    keySecret: reconciliationKeySecretOf(config),
    issuer: await loadIssuer(config),
  });
  return reconciliationCertificateResponse(certificate);
});
