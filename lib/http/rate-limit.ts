// Per-API-key request rate limit: an in-memory token bucket per key, holding up to `perMinute`
// tokens and refilled at perMinute/60 tokens a second, so a client may burst a minute's allowance
// and then continues at the steady rate. In memory means per server process: several processes
// behind a load balancer each allow the full rate (a shared store is for when there are several).
import { getConfig } from '../config';
import { RateLimitedError } from '../errors';

export interface RateLimiter {
  /** Takes one token for `key`, or throws RateLimitedError saying when one will be available. */
  take(key: string): void;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

// Buckets that have refilled completely carry no information; past this many, they are swept.
const SWEEP_ABOVE_BUCKETS = 10_000;

export function createRateLimiter({
  perMinute,
  now = () => Date.now(),
}: {
  perMinute: number;
  now?: () => number;
}): RateLimiter {
  const capacity = perMinute;
  const tokensPerMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(capacity, bucket.tokens + (at - bucket.updatedAt) * tokensPerMs);
    bucket.updatedAt = at;
  };

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= SWEEP_ABOVE_BUCKETS) {
          for (const [other, b] of buckets) {
            refill(b, at);
            if (b.tokens >= capacity) buckets.delete(other);
          }
        }
        bucket = { tokens: capacity, updatedAt: at };
        buckets.set(key, bucket);
      }
      refill(bucket, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / tokensPerMs / 1000)));
    },
  };
}

const globalForLimiter = globalThis as unknown as { evidentApiRateLimiter?: RateLimiter };

/** The process-wide limiter for API keys (on globalThis, so Next.js dev reloads keep the counts). */
export function getApiRateLimiter(): RateLimiter {
  globalForLimiter.evidentApiRateLimiter ??= createRateLimiter({ perMinute: getConfig().apiRateLimitPerMinute });
  return globalForLimiter.evidentApiRateLimiter;
}
