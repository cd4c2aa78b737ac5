import { buildApiDocument } from '@/app/api/build-api-document';
import { apiRoute } from '@/lib/http/api-route';

// Built at request time: the server URL in the document is this deployment's PUBLIC_BASE_URL.
export const dynamic = 'force-dynamic';

export const GET = apiRoute({ auth: 'none' }, async ({ config }) =>
  Response.json(buildApiDocument({ serverUrl: config.publicBaseUrl }), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  }),
);
