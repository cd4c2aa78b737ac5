// POST /api/v1/evidence/hashes. The web server usually answers this path itself with the same handler
// (lib/web-server/serve-web.ts); this route serves it in development (`npm run dev`) and under plain `next start`.
import { handleIngestRequest } from '@/lib/http/handle-ingest-request';

export const runtime = 'nodejs';

export const POST = handleIngestRequest('hash');
