// Guessing API keys: failed lookups are limited per client address (API_KEY_FAILURES_PER_MINUTE,
// 30 by default). Malformed keys fail before any database lookup, so no database is needed here.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_IP_HEADER } from '../auth/client-ip';
import { RateLimitedError, UnauthorizedError } from '../errors';
import { requireApiCaller } from './api-caller';

const request = (address: string) =>
  new Request('http://evident.test/api/v1/evidence', { headers: { authorization: 'Bearer not-a-key', [CLIENT_IP_HEADER]: address } });

// The client is created lazily and never queried: malformed keys are refused before any lookup.
beforeAll(() => vi.stubEnv('DATABASE_URL', 'postgresql://nobody@127.0.0.1:9/never-queried'));

describe('unknown API keys', () => {
  it('are refused with 401 until the address has failed 30 times in a minute, then with 429, other addresses unaffected', async () => {
    for (let i = 0; i < 30; i++) await expect(requireApiCaller(request('198.51.100.30'))).rejects.toBeInstanceOf(UnauthorizedError);
    const limited = await requireApiCaller(request('198.51.100.30')).catch((error) => error);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    await expect(requireApiCaller(request('198.51.100.31'))).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
