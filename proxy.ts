// Runs before every page request: portal pages without a session cookie go straight to sign-in
// (and back afterwards). This is only a fast path; the real check is requireViewer() and
// authorize() on the server, which also catch expired and revoked sessions.
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';

const PORTAL_PREFIXES = ['/lender', '/arbitration', '/borrower', '/audit', '/account'];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = pathname + search;
  const isPortal = PORTAL_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  if (isPortal && !getSessionCookie(request)) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('next', path);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set('x-evident-path', path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|\\.well-known/).*)'],
};
