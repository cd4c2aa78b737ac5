// Every `app/api/**/route.ts` handler is one apiRoute(): who may call it, then the handler, given the
// viewer, the database, the configuration and the route's parameters. Errors become problem
// responses in one place (problem-response.ts); a service still authorizes what the viewer may do
// (lib/auth/authorize.ts), this only says how the caller proves who it is.
//
//   auth 'key'     an API key (Authorization: Bearer), rate-limited per key; anything else is 401
//   auth 'session' a portal session cookie, or anonymous when there is none
//   auth 'either'  an API key when the request carries Authorization, otherwise the session
//   auth 'none'    nobody is looked up: public by design (certificates by serial, verification);
//                  the viewer is anonymous with the client address, for the audit log
import { clientIpOf } from '../auth/client-ip';
import { getAuth } from '../auth/get-auth';
import { getSessionViewer } from '../auth/get-session-viewer';
import { anonymousViewer, type AnonymousViewer, type ApiKeyViewer, type Viewer } from '../auth/viewer';
import { getConfig, type Config } from '../config';
import { getPrisma, type PrismaClient } from '../db/client';
import { handleErrors } from './problem-response';
import { requestViewer, requireApiKeyViewer } from './request-viewer';

export type RouteAuth = 'key' | 'session' | 'either' | 'none';

type ViewerFor<A extends RouteAuth> = A extends 'key'
  ? ApiKeyViewer
  : A extends 'none'
    ? AnonymousViewer
    : A extends 'session'
      ? Exclude<Viewer, ApiKeyViewer>
      : Viewer;

export interface ApiRouteContext<A extends RouteAuth, P> {
  request: Request;
  viewer: ViewerFor<A>;
  prisma: PrismaClient;
  config: Config;
  /** The dynamic segments of the route's path, e.g. { id } for /api/v1/evidence/[id]. */
  params: P;
}

type Segment<P> = { params: Promise<P> };

// P: string for [id] segments, string[] (or undefined) for catch-all ones ([[...path]]).
export function apiRoute<A extends RouteAuth, P extends Record<string, string | string[] | undefined> = Record<string, never>>(
  options: { auth: A },
  handler: (context: ApiRouteContext<A, P>) => Promise<Response>,
): (request: Request, segment?: Segment<P>) => Promise<Response> {
  // The segment is absent when the web server calls a handler itself (lib/web-server/serve-web.ts).
  return handleErrors(async (request: Request, segment?: Segment<P>) => {
    const viewer = (await viewerOf(options.auth, request)) as ViewerFor<A>;
    const params = ((await segment?.params) ?? {}) as P;
    return handler({ request, viewer, prisma: getPrisma(), config: getConfig(), params });
  });
}

function viewerOf(auth: RouteAuth, request: Request): Promise<Viewer> | Viewer {
  switch (auth) {
    case 'key':
      return requireApiKeyViewer(request);
    case 'either':
      return requestViewer(request);
    case 'session':
      return getSessionViewer({ auth: getAuth(), prisma: getPrisma(), headers: request.headers });
    case 'none':
      return anonymousViewer(clientIpOf(request.headers));
  }
}
