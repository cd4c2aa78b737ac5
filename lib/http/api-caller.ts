// Who is calling the API: authenticates the Bearer API key and charges the key's rate limit. Route
// handlers call requireApiCaller, or optionalApiCaller where anonymous web use is still allowed.
import { authenticateApiKey, type ApiCaller } from '../auth/authenticate-api-key';
import { getPrisma } from '../db/client';
import { clientIpOf } from '../auth/client-ip';
import { UnauthorizedError } from '../errors';
import { getApiRateLimiter, getFailedApiKeyLimiter } from './rate-limit';

export type { ApiCaller };

export async function requireApiCaller(request: Request): Promise<ApiCaller> {
  const authorization = request.headers.get('authorization');
  // Unknown keys are limited per client address, so keys cannot be guessed at the database's pace.
  const failures = getFailedApiKeyLimiter();
  const address = `api-key-failures:${clientIpOf(request.headers) ?? 'unknown'}`;
  if (authorization !== null) failures.check(address);
  let caller: ApiCaller;
  try {
    caller = await authenticateApiKey({ prisma: getPrisma(), authorization });
  } catch (error) {
    if (error instanceof UnauthorizedError && authorization !== null) failures.take(address);
    throw error;
  }
  getApiRateLimiter().take(caller.apiKeyId);
  return caller;
}

/** Null when the request has no Authorization header at all; a header with a bad key is still a 401. */
export async function optionalApiCaller(request: Request): Promise<ApiCaller | null> {
  if (request.headers.get('authorization') === null) return null;
  return requireApiCaller(request);
}
