// Who is calling the API: authenticates the Bearer API key and charges the key's rate limit. Route
// handlers call requireApiCaller, or optionalApiCaller where anonymous web use is still allowed.
import { authenticateApiKey, type ApiCaller } from '../auth/authenticate-api-key';
import { getPrisma } from '../db/client';
import { getApiRateLimiter } from './rate-limit';

export type { ApiCaller };

export async function requireApiCaller(request: Request): Promise<ApiCaller> {
  const caller = await authenticateApiKey({ prisma: getPrisma(), authorization: request.headers.get('authorization') });
  getApiRateLimiter().take(caller.apiKeyId);
  return caller;
}

/** Null when the request has no Authorization header at all; a header with a bad key is still a 401. */
export async function optionalApiCaller(request: Request): Promise<ApiCaller | null> {
  if (request.headers.get('authorization') === null) return null;
  return requireApiCaller(request);
}
