import { forbidden } from 'next/navigation';
import { requireViewer } from '@/lib/auth/current-viewer';

export const dynamic = 'force-dynamic';

// The borrower portal is for borrowers only; staff signed in see the 403 page.
export default async function BorrowerLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  if (viewer.kind !== 'borrower') forbidden();
  return children;
}
