// A user account as a Viewer: staff with their organization and role, or a borrower. Null for an
// unknown account, or one linked to neither (which may do nothing). Sessions resolve through here,
// and so do tests that act as a demo account.
import type { PrismaClient } from '../db/client';
import type { BorrowerViewer, StaffViewer } from './viewer';

export async function loadUserViewer({
  prisma,
  user: where,
  ipAddress,
}: {
  prisma: PrismaClient;
  user: { id: string } | { email: string };
  ipAddress: string | null;
}): Promise<StaffViewer | BorrowerViewer | null> {
  const user = await prisma.user.findUnique({ where, include: { organization: true } });
  if (!user) return null;
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
  return null;
}
