// Resolves a portal session (the better-auth cookie) to a Viewer: staff with their organization and
// role, a borrower, or anonymous when there is no valid session.
import type { PrismaClient } from '../db/client';
import type { Auth } from './create-auth';
import { clientIpOf } from './client-ip';
import { loadUserViewer } from './load-user-viewer';
import { anonymousViewer, type Viewer } from './viewer';

export async function getSessionViewer({ auth, prisma, headers }: { auth: Auth; prisma: PrismaClient; headers: Headers }): Promise<Viewer> {
  const ipAddress = clientIpOf(headers);
  const session = await auth.api.getSession({ headers });
  if (!session) return anonymousViewer(ipAddress);
  return (await loadUserViewer({ prisma, user: { id: session.user.id }, ipAddress })) ?? anonymousViewer(ipAddress);
}
