import { forbidden } from 'next/navigation';
import { authorize } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';
import { ForbiddenError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

// The lender portal is for a lender's staff; anyone else signed in sees the 403 page.
export default async function LenderLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  try {
    authorize(viewer, 'evidence.submit');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
  return children;
}
