// Runs before every page request: a write from another origin (a cross-site server-action call) is
// refused with the routes' 403, which Next.js would answer with a 500; portal pages without a session
// cookie go straight to sign-in (and back afterwards). This is only a fast path; the real check is
// requireViewer() and authorize() on the server, which also catch expired and revoked sessions.
import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { ForbiddenError } from '@/lib/errors';
import { isCrossOriginWrite } from '@/lib/http/cross-origin-write';
import { problemResponse } from '@/lib/http/problem-response';

const PORTAL_PREFIXES = ['/lender', '/arbitration', '/borrower', '/audit'];

export function proxy(request: NextRequest) {
  if (isCrossOriginWrite(request.method, request.headers)) {
    return problemResponse(new ForbiddenError('The portal takes form submissions and actions only from its own pages.'));
  }
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
