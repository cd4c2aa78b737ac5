// Resolves a portal session (the better-auth cookie) to a Viewer: staff with their organization and
// role, a borrower, or anonymous when there is no valid session.
import type { PrismaClient } from '../db/client';
import type { Auth } from './create-auth';
import { clientIpOf } from './client-ip';
import { anonymousViewer, type Viewer } from './viewer';

export async function getSessionViewer({ auth, prisma, headers }: { auth: Auth; prisma: PrismaClient; headers: Headers }): Promise<Viewer> {
  const ipAddress = clientIpOf(headers);
  const session = await auth.api.getSession({ headers });
  if (!session) return anonymousViewer(ipAddress);
  const user = await prisma.user.findUnique({ where: { id: session.user.id }, include: { organization: true } });
  if (!user) return anonymousViewer(ipAddress);
  if (user.borrowerId) {
    return { kind: 'borrower', userId: user.id, email: user.email, name: user.name, borrowerId: user.borrowerId, ipAddress };
  }
  if (user.organization && user.role) {
    return {
      kind: 'staff',
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      organizationId: user.organization.id,
      organizationType: user.organization.type,
      organizationName: user.organization.name,
      ipAddress,
    };
  }
  // An account linked to neither an organization nor a borrower may do nothing.
  return anonymousViewer(ipAddress);
}
