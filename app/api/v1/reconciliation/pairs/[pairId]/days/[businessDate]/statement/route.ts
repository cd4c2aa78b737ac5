import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { loadIssuer } from '@/lib/certificates/load-issuer';
import { parseIdempotencyKey } from '@/lib/evidence/ingest-idempotently';
import { apiRoute } from '@/lib/http/api-route';
import { commitStatementUpload } from '@/lib/reconciliation/commit-statement-upload';
import { reconciliationKeySecretOf } from '@/lib/reconciliation/pair-key-encryption';

export const runtime = 'nodejs';

// A bank's statement for one day (raw body: CSV or NDJSON as its column map says). The bank's side
// follows from the caller's organization; a bank outside the pair gets 404 from the service.
export const PUT = apiRoute<'either', { pairId: string; businessDate: string }>({ auth: 'either' }, async ({ request, viewer, prisma, config, params }) => {
  const idempotencyKey = parseIdempotencyKey(request.headers.get('idempotency-key'));
  const body = request.body ? Readable.fromWeb(request.body as unknown as NodeWebStream) : Readable.from([]);
  const reply = await commitStatementUpload({
    prisma,
    viewer,
    pairId: params.pairId,
    businessDate: params.businessDate,
    contentType: request.headers.get('content-type'),
    body,
    idempotencyKey,
    storageDir: config.storageDir,
    maxBytes: config.reconciliationMaxStatementBytes,
    keySecret: reconciliationKeySecretOf(config),
    issuer: await loadIssuer(config),
  });
  return new Response(reply.bodyText, {
    status: reply.status,
    headers: {
      'content-type': 'application/json',
      location: `/api/v1/reconciliation/pairs/${params.pairId}/days/${params.businessDate}`,
      ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  });
});
