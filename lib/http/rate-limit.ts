// Per-API-key request rate limit: an in-memory token bucket per key, holding up to `perMinute`
// tokens and refilled at perMinute/60 tokens a second, so a client may burst a minute's allowance
// and then continues at the steady rate. In memory means per server process: several processes
// behind a load balancer each allow the full rate (a shared store is for when there are several).
import { getConfig } from '../config';
import { RateLimitedError } from '../errors';
import { processSingleton } from '../process-state';

export interface RateLimiter {
  /** Takes one token for `key`, or throws RateLimitedError saying when one will be available. */
  take(key: string): void;
  /** Throws RateLimitedError if `key` has no token left, without taking one. */
  check(key: string): void;
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
  buckets = new Map<string, Bucket>(),
}: {
  perMinute: number;
  now?: () => number;
  /** The counts, when several limiter objects must share them (see sharedLimiter below). */
  buckets?: Map<string, Bucket>;
}): RateLimiter {
  const capacity = perMinute;
  const tokensPerMs = perMinute / 60_000;

  const refill = (bucket: Bucket, at: number) => {
    bucket.tokens = Math.min(capacity, bucket.tokens + (at - bucket.updatedAt) * tokensPerMs);
    bucket.updatedAt = at;
  };

  return {
    check(key) {
      const bucket = buckets.get(key);
      if (!bucket) return;
      refill(bucket, now());
      if (bucket.tokens < 1) throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / tokensPerMs / 1000)));
    },
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

// The counts live in the process state (lib/process-state.ts), so that the web server's own copy of
// lib (the fast ingest path) and the copy Next.js bundles count together, and Next.js dev reloads keep them. The limiter object is
// made by each copy around those shared counts: the RateLimitedError it throws must be the caller's
// own class, or the caller's error mapping would not know it (a limiter made by the other copy threw
// the other copy's class, which became a 500).
const ownLimiters = new Map<string, RateLimiter>();

function sharedLimiter(name: string, perMinute: number): RateLimiter {
  let limiter = ownLimiters.get(name);
  if (!limiter) {
    const buckets = processSingleton(`rate-limit:${name}`, () => new Map<string, Bucket>());
    limiter = createRateLimiter({ perMinute, buckets });
    ownLimiters.set(name, limiter);
  }
  return limiter;
}

/** The process-wide limiter for API keys (API_RATE_LIMIT_PER_MINUTE). */
export function getApiRateLimiter(): RateLimiter {
  return sharedLimiter('api-key', getConfig().apiRateLimitPerMinute);
}

/** The process-wide limiter for the chain relay, per client address (CHAIN_RPC_REQUESTS_PER_MINUTE). */
export function getChainRelayLimiter(): RateLimiter {
  return sharedLimiter('chain-relay', getConfig().chainRpcRequestsPerMinute);
}

/** Failed API key lookups per client address (API_KEY_FAILURES_PER_MINUTE): guessing keys gets 429. */
export function getFailedApiKeyLimiter(): RateLimiter {
  return sharedLimiter('api-key-failures', getConfig().apiKeyFailuresPerMinute);
}
