import { describe, expect, it } from 'vitest';
import { resolveClientAddress } from './resolve-client-address';

describe('resolveClientAddress', () => {
  it('takes the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(resolveClientAddress({ socketAddress: '::ffff:198.51.100.4', forwardedFor: '203.0.113.9', trustedProxyHops: 0 })).toBe('198.51.100.4');
    expect(resolveClientAddress({ socketAddress: '2001:db8::1', forwardedFor: undefined, trustedProxyHops: 0 })).toBe('2001:db8::1');
  });

  it('takes the entry each trusted proxy vouches for, not what the client wrote before it', () => {
    // client forged "1.2.3.4"; the proxy at 10.0.0.2 appended the real client 203.0.113.9
    const forwardedFor = '1.2.3.4, 203.0.113.9';
    expect(resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor, trustedProxyHops: 1 })).toBe('203.0.113.9');
    // two proxies: edge (appends client) → internal 10.0.0.3 (appends edge 10.0.0.2) → server
    expect(resolveClientAddress({ socketAddress: '10.0.0.3', forwardedFor: '1.2.3.4, 203.0.113.9, 10.0.0.2', trustedProxyHops: 2 })).toBe('203.0.113.9');
    expect(resolveClientAddress({ socketAddress: '10.0.0.3', forwardedFor: ['1.2.3.4', '203.0.113.9, 10.0.0.2'], trustedProxyHops: 2 })).toBe('203.0.113.9');
  });

  it('falls back to the leftmost entry when fewer hops arrived than are trusted, and drops non-addresses', () => {
    expect(resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor: undefined, trustedProxyHops: 1 })).toBe('10.0.0.2');
    expect(resolveClientAddress({ socketAddress: '10.0.0.2', forwardedFor: 'unknown, <script>', trustedProxyHops: 1 })).toBe('10.0.0.2');
    expect(resolveClientAddress({ socketAddress: undefined, forwardedFor: undefined, trustedProxyHops: 0 })).toBeNull();
  });
});
