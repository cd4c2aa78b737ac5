// Who is asking: the one shape every service and the authorize() gate take. A session (portal
// user), an API key (a lender's system) or nobody. Built per request by lib/auth/get-viewer.ts.
import type { OrganizationType, UserRole } from '../db/generated/enums';
import type { AuditActor } from '../audit/append-audit-entry';

export type Viewer = AnonymousViewer | StaffViewer | BorrowerViewer | ApiKeyViewer;

interface ViewerBase {
  /** The request's client address, for the audit log. */
  ipAddress: string | null;
}

export interface AnonymousViewer extends ViewerBase {
  kind: 'anonymous';
}

/** A signed-in member of an organization: lender, arbitration commission, regulator or operator. */
export interface StaffViewer extends ViewerBase {
  kind: 'staff';
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  organizationId: string;
  organizationType: OrganizationType;
  organizationName: string;
}

/** A signed-in borrower: sees only what names them. */
export interface BorrowerViewer extends ViewerBase {
  kind: 'borrower';
  userId: string;
  email: string;
  name: string;
  borrowerId: string;
}

/** A lender's system calling the API with its organization's key. */
export interface ApiKeyViewer extends ViewerBase {
  kind: 'api-key';
  apiKeyId: string;
  prefix: string;
  organizationId: string;
  organizationType: OrganizationType;
}

export function anonymousViewer(ipAddress: string | null = null): AnonymousViewer {
  return { kind: 'anonymous', ipAddress };
}

/** The viewer as the audit log names them. */
export function auditActorOf(viewer: Viewer): AuditActor {
  switch (viewer.kind) {
    case 'staff':
      return { userId: viewer.userId, label: viewer.email, organizationId: viewer.organizationId, ipAddress: viewer.ipAddress };
    case 'borrower':
      return { userId: viewer.userId, label: viewer.email, organizationId: null, ipAddress: viewer.ipAddress };
    case 'api-key':
      return { userId: null, label: `api-key:${viewer.prefix}`, organizationId: viewer.organizationId, ipAddress: viewer.ipAddress };
    case 'anonymous':
      return { userId: null, label: 'anonymous', organizationId: null, ipAddress: viewer.ipAddress };
  }
}
