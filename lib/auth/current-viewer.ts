// The viewer of the page being rendered (server components and server actions), once per request.
// Portal layouts call requireViewer(), which sends an anonymous visitor, or one whose session
// expired, to sign-in and back to the page they asked for.
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getPrisma } from '../db/client';
import { getAuth } from './get-auth';
import { getSessionViewer } from './get-session-viewer';
import { can, type Action, type ViewerFor } from './authorize';
import type { Viewer } from './viewer';

/** Set by proxy.ts on every request, so server components know the path for the sign-in return. */
export const PATH_HEADER = 'x-evident-path';

export const currentViewer = cache(async (): Promise<Viewer> => {
  return getSessionViewer({ auth: getAuth(), prisma: getPrisma(), headers: await headers() });
});

export async function requireViewer(): Promise<Exclude<Viewer, { kind: 'anonymous' }>> {
  const viewer = await currentViewer();
  if (viewer.kind === 'anonymous') {
    const path = (await headers()).get(PATH_HEADER) ?? '/';
    redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  }
  return viewer;
}

/** requireViewer(), then the 403 page unless the viewer may do `action`. Pages call it themselves
 * as well as their layout, because Next.js renders a page in parallel with its layout. */
export async function requireViewerFor<A extends Action>(action: A): Promise<ViewerFor<A>> {
  const viewer = await requireViewer();
  if (!can(viewer, action)) forbidden();
  return viewer as ViewerFor<A>;
}
