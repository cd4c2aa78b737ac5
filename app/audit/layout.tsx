import { requireViewerFor } from '@/lib/auth/current-viewer';

export const dynamic = 'force-dynamic';

// The audit log is for the regulator and the operator; anyone else signed in sees the 403 page.
export default async function AuditLayout({ children }: { children: React.ReactNode }) {
  await requireViewerFor('audit.read');
  return children;
}
