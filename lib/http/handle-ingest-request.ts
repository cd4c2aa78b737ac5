// The two bulk-ingest endpoints, POST /api/v1/evidence/records and /hashes, as one web handler. The
// Next.js routes export it, and the web server (lib/web-server/serve-web.ts) calls it directly for
// these two paths, skipping Next.js's request pipeline: bench/http-ingest.ts measured that pipeline
// as most of a single-record request's CPU.
import type { EvidenceKind } from '../evidence/evidence-schemas';
import { ingestEvidenceItems } from '../evidence/ingest-evidence-items';
import { parseIdempotencyKey } from '../evidence/ingest-idempotently';
import { ingestReplyResponse } from './ingest-reply-response';
import { apiRoute } from './api-route';

export function handleIngestRequest(kind: Extract<EvidenceKind, 'record' | 'hash'>): (request: Request) => Promise<Response> {
  return apiRoute({ auth: 'key' }, async ({ request, viewer, prisma, config }) => {
    const reply = await ingestEvidenceItems({
      prisma,
      kind,
      submitter: viewer,
      request,
      maxBodyBytes: config.apiMaxBodyBytes,
      idempotencyKey: parseIdempotencyKey(request.headers.get('idempotency-key')),
    });
    return ingestReplyResponse(reply);
  });
}
