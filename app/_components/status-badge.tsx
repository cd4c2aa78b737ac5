import { useTranslations } from 'next-intl';
import type { EvidenceStatus } from '@/lib/evidence/evidence-view';

export type BadgeStatus = EvidenceStatus | 'uploading' | 'failed';

const CLASSES: Record<BadgeStatus, string> = {
  uploading: 'bg-slate-100 text-slate-700',
  pending: 'bg-amber-100 text-amber-800',
  anchoring: 'bg-sky-100 text-sky-800',
  anchored: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
};

/** An evidence item's status in the viewer's language; usable from server and client components. */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  const t = useTranslations('common.status');
  return (
    <span data-status={status} className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${CLASSES[status]}`}>
      {t(status)}
    </span>
  );
}
