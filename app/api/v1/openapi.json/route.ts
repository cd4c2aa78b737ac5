import { getConfig } from '@/lib/config';
import { buildOpenApiDocument } from '@/lib/http/openapi-document';

// Built at request time: the server URL in the document is this deployment's PUBLIC_BASE_URL.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(buildOpenApiDocument({ serverUrl: getConfig().publicBaseUrl }), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}
