// The client's address as the web server sees it, for the audit log and the sign-in limits. The web
// server (lib/web-server/serve-web.ts) computes it from the socket for every request and passes it on
// in CLIENT_IP_HEADER, replacing whatever a client sent under that name. X-Forwarded-For counts only
// for the hops the operator declares (TRUSTED_PROXY_HOPS): anyone can send that header.
import { isIP } from 'node:net';

export const CLIENT_IP_HEADER = 'x-evident-client-ip';

export function resolveClientAddress({
  socketAddress,
  forwardedFor,
  trustedProxyHops,
}: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  /** Reverse proxies in front of the server, each appending the address it received the request from. */
  trustedProxyHops: number;
}): string | null {
  const peer = plainAddress(socketAddress);
  if (trustedProxyHops === 0) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => plainAddress(entry.trim()))
    .filter((entry): entry is string => entry !== null);
  // Read from the right: the peer is the nearest proxy, and each trusted proxy vouches for the entry
  // to its left. What lies further left was written by the client and proves nothing.
  const chain = peer === null ? forwarded : [...forwarded, peer];
  if (chain.length === 0) return null;
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)];
}

/** An IPv4 client of a dual-stack socket appears as ::ffff:a.b.c.d; anything not an address is dropped. */
function plainAddress(value: string | undefined): string | null {
  if (!value) return null;
  const address = value.startsWith('::ffff:') && isIP(value.slice(7)) === 4 ? value.slice(7) : value;
  return isIP(address) === 0 ? null : address;
}
