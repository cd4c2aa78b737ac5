// Who sent an HTTP request to a route handler: a lender system with an API key (Authorization:
// Bearer, rate-limited per key) or a portal user with a session cookie, or nobody.
import { getSessionViewer } from '../auth/get-session-viewer';
import { getAuth } from '../auth/get-auth';
import { clientIpOf } from '../auth/client-ip';
import type { ApiKeyViewer, Viewer } from '../auth/viewer';
import { getPrisma } from '../db/client';
import { requireApiCaller } from './api-caller';

export async function requestViewer(request: Request): Promise<Viewer> {
  if (request.headers.get('authorization') !== null) return requireApiKeyViewer(request);
  return getSessionViewer({ auth: getAuth(), prisma: getPrisma(), headers: request.headers });
}

export async function requireApiKeyViewer(request: Request): Promise<ApiKeyViewer> {
  const caller = await requireApiCaller(request);
  return {
    kind: 'api-key',
    apiKeyId: caller.apiKeyId,
    prefix: caller.prefix,
    organizationId: caller.organizationId,
    organizationType: caller.organizationType,
    ipAddress: clientIpOf(request.headers),
  };
}
