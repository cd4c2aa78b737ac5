import { useTranslations } from 'next-intl';
import { CircleAlert, CircleCheck, Clock, Link2, Upload, type LucideIcon } from 'lucide-react';
import type { EvidenceStatus } from '@/lib/evidence/evidence-view';

export type BadgeStatus = EvidenceStatus | 'uploading' | 'failed';

const CLASSES: Record<BadgeStatus, string> = {
  uploading: 'bg-slate-100 text-slate-700',
  pending: 'bg-amber-100 text-amber-800',
  anchoring: 'bg-sky-100 text-sky-800',
  anchored: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
};

const ICONS: Record<BadgeStatus, LucideIcon> = {
  uploading: Upload,
  pending: Clock,
  anchoring: Link2,
  anchored: CircleCheck,
  failed: CircleAlert,
};

/** An evidence item's status in the viewer's language; usable from server and client components. */
export function StatusBadge({ status }: { status: BadgeStatus }) {
  const t = useTranslations('common.status');
  const Icon = ICONS[status];
  return (
    <span data-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${CLASSES[status]}`}>
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      {t(status)}
    </span>
  );
}
