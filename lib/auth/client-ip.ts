// The client address for the audit log and sign-in limits. Next.js sets X-Forwarded-For from the
// socket when a request arrives without one; behind a reverse proxy, the proxy must overwrite it.
export function clientIpOf(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first ? first : null;
}
