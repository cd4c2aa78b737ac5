import { forbidden } from 'next/navigation';
import { can } from '@/lib/auth/authorize';
import { requireViewer } from '@/lib/auth/current-viewer';

export const dynamic = 'force-dynamic';

export default async function ArbitrationLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireViewer();
  if (!can(viewer, 'case.review')) forbidden();
  return children;
}
