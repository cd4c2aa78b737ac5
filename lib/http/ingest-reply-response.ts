// The HTTP response for an ingest reply: the stored JSON text as is (so an idempotent replay is
// byte-identical to the first response), marked when it is a replay.
import type { IngestReply } from '../evidence/ingest-idempotently';

export function ingestReplyResponse(reply: IngestReply): Response {
  return new Response(reply.bodyText, {
    status: reply.status,
    headers: { 'content-type': 'application/json', ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });
}
