import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors';
import { createRateLimiter } from './rate-limit';

function limiterWithClock(perMinute: number) {
  let now = 1_000_000;
  const limiter = createRateLimiter({ perMinute, now: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

function retryAfter(take: () => void): number | null {
  try {
    take();
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error.retryAfterSeconds;
    throw error;
  }
}

describe('the per-key token bucket', () => {
  it('allows a burst of a minute’s allowance, then refuses with the seconds until the next token', () => {
    const { limiter } = limiterWithClock(3);
    for (let i = 0; i < 3; i++) expect(retryAfter(() => limiter.take('k'))).toBeNull();
    // 3 per minute: one token every 20 s.
    expect(retryAfter(() => limiter.take('k'))).toBe(20);
  });

  it('refills evenly over time, up to the capacity', () => {
    const { limiter, advance } = limiterWithClock(60);
    for (let i = 0; i < 60; i++) limiter.take('k');
    expect(retryAfter(() => limiter.take('k'))).toBe(1);
    advance(1000);
    expect(retryAfter(() => limiter.take('k'))).toBeNull();
    expect(retryAfter(() => limiter.take('k'))).toBe(1);
    advance(10 * 60_000);
    for (let i = 0; i < 60; i++) expect(retryAfter(() => limiter.take('k'))).toBeNull();
    expect(retryAfter(() => limiter.take('k'))).not.toBeNull();
  });

  it('rounds Retry-After up, never to 0', () => {
    const { limiter, advance } = limiterWithClock(2);
    limiter.take('k');
    limiter.take('k');
    advance(29_500);
    expect(retryAfter(() => limiter.take('k'))).toBe(1);
  });

  it('keeps each key’s bucket separate', () => {
    const { limiter } = limiterWithClock(1);
    limiter.take('a');
    expect(retryAfter(() => limiter.take('a'))).toBe(60);
    expect(retryAfter(() => limiter.take('b'))).toBeNull();
  });
});

describe('checking without taking', () => {
  it('refuses only once the key has no token left, and takes none itself', () => {
    let at = 0;
    const limiter = createRateLimiter({ perMinute: 2, now: () => at });
    limiter.check('a');
    limiter.take('a');
    limiter.check('a');
    limiter.take('a');
    expect(() => limiter.check('a')).toThrow(RateLimitedError);
    at += 30_000;
    expect(() => limiter.check('a')).not.toThrow();
    limiter.check('a');
    limiter.take('a');
  });
});
