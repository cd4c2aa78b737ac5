import { requireViewerFor } from '@/lib/auth/current-viewer';

export const dynamic = 'force-dynamic';

// The lender portal is for a lender's staff; anyone else signed in sees the 403 page.
export default async function LenderLayout({ children }: { children: React.ReactNode }) {
  await requireViewerFor('evidence.submit');
  return children;
}
