import { loadIssuer } from '@/lib/certificates/load-issuer';
import { apiRoute, type ApiRouteContext } from '@/lib/http/api-route';
import { reconciliationKeySecretOf } from '@/lib/reconciliation/pair-key-encryption';
import { handleResumableStatementUpload } from '@/lib/reconciliation/resumable-statement-upload';

export const runtime = 'nodejs';

type Params = { pairId: string; businessDate: string; path?: string[] };

// A bank's statement for one day, resumable (tus 1.0): the bank's system (API key) or a lender's
// portal user (session) creates the upload, PATCHes its bytes, resuming from HEAD's offset after a
// broken connection; the completing PATCH commits the side as PUT …/statement does. The PATCH body
// streams to disk: apiRoute hands the request on unread. handleResumableStatementUpload authorizes
// (reconciliation.submit, the caller's bank in the pair) on every request.
type Context = ApiRouteContext<'either' | 'none', Params>;
const handle = ({ request, viewer, prisma, config, params }: Context) =>
  handleResumableStatementUpload({
    request,
    viewer,
    prisma,
    pairId: params.pairId,
    businessDate: params.businessDate,
    storageDir: config.storageDir,
    maxBytes: config.reconciliationMaxStatementBytes,
    expiryMs: config.resumableUploadExpiryMs,
    keySecret: () => reconciliationKeySecretOf(config),
    issuer: () => loadIssuer(config),
  });
const resumableStatementUpload = apiRoute<'either', Params>({ auth: 'either' }, handle);

export const POST = resumableStatementUpload;
export const HEAD = resumableStatementUpload;
export const PATCH = resumableStatementUpload;
export const DELETE = resumableStatementUpload;
export const GET = resumableStatementUpload;

// Discovery (Tus-Version, Tus-Extension, Tus-Max-Size) says nothing about anyone's uploads: public.
export const OPTIONS = apiRoute<'none', Params>({ auth: 'none' }, handle);
