import { requireViewerFor } from '@/lib/auth/current-viewer';

export const dynamic = 'force-dynamic';

export default async function ArbitrationLayout({ children }: { children: React.ReactNode }) {
  await requireViewerFor('case.review');
  return children;
}
