import { getConfig } from '@/lib/config';
import { getPrisma } from '@/lib/db/client';
import { ingestEvidenceItems } from '@/lib/evidence/ingest-evidence-items';
import { parseIdempotencyKey } from '@/lib/evidence/ingest-idempotently';
import { requireApiKeyViewer } from '@/lib/http/request-viewer';
import { ingestReplyResponse } from '@/lib/http/ingest-reply-response';
import { handleErrors } from '@/lib/http/problem-response';

export const runtime = 'nodejs';

export const POST = handleErrors(async (request: Request) => {
  const reply = await ingestEvidenceItems({
    prisma: getPrisma(),
    kind: 'hash',
    submitter: await requireApiKeyViewer(request),
    request,
    maxBodyBytes: getConfig().apiMaxBodyBytes,
    idempotencyKey: parseIdempotencyKey(request.headers.get('idempotency-key')),
  });
  return ingestReplyResponse(reply);
});
