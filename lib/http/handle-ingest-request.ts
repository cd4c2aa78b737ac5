// The two bulk-ingest endpoints, POST /api/v1/evidence/records and /hashes, as one web handler. The
// Next.js routes export it, and the web server (lib/platform/serve-web.ts) calls it directly for
// these two paths, skipping Next.js's request pipeline: bench/http-ingest.ts measured that pipeline
// as most of a single-record request's CPU.
import { getConfig } from '../config';
import { getPrisma } from '../db/client';
import type { EvidenceKind } from '../evidence/evidence-schemas';
import { ingestEvidenceItems } from '../evidence/ingest-evidence-items';
import { parseIdempotencyKey } from '../evidence/ingest-idempotently';
import { ingestReplyResponse } from './ingest-reply-response';
import { handleErrors } from './problem-response';
import { requireApiKeyViewer } from './request-viewer';

export function handleIngestRequest(kind: Extract<EvidenceKind, 'record' | 'hash'>): (request: Request) => Promise<Response> {
  return handleErrors(async (request: Request) => {
    const reply = await ingestEvidenceItems({
      prisma: getPrisma(),
      kind,
      submitter: await requireApiKeyViewer(request),
      request,
      maxBodyBytes: getConfig().apiMaxBodyBytes,
      idempotencyKey: parseIdempotencyKey(request.headers.get('idempotency-key')),
    });
    return ingestReplyResponse(reply);
  });
}
