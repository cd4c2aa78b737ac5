'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { recordAuditEvent } from '@/lib/audit/append-audit-entry';
import { currentViewer } from '@/lib/auth/current-viewer';
import { getAuth } from '@/lib/auth/get-auth';
import { auditActorOf } from '@/lib/auth/viewer';
import { getPrisma } from '@/lib/db/client';

/** Ends this browser's session. */
export async function signOut(): Promise<void> {
  const viewer = await currentViewer();
  await getAuth().api.signOut({ headers: await headers() });
  if (viewer.kind !== 'anonymous') {
    await recordAuditEvent(getPrisma(), { actor: auditActorOf(viewer), action: 'auth.sign_out', targetType: 'user', targetId: viewerUserId(viewer) });
  }
  redirect('/sign-in');
}

/** Ends every session of this account, on every device, this one included. */
export async function signOutEverywhere(): Promise<void> {
  const viewer = await currentViewer();
  const requestHeaders = await headers();
  if (viewer.kind !== 'anonymous') {
    await getAuth().api.revokeSessions({ headers: requestHeaders });
    await recordAuditEvent(getPrisma(), {
      actor: auditActorOf(viewer),
      action: 'auth.sign_out_everywhere',
      targetType: 'user',
      targetId: viewerUserId(viewer),
    });
  }
  await getAuth().api.signOut({ headers: requestHeaders }).catch(() => undefined);
  redirect('/sign-in');
}

function viewerUserId(viewer: Awaited<ReturnType<typeof currentViewer>>): string | undefined {
  return viewer.kind === 'staff' || viewer.kind === 'borrower' ? viewer.userId : undefined;
}
