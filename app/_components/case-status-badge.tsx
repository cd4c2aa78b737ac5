import { getTranslations } from 'next-intl/server';
import { Archive, CircleCheck, FileText, Search, type LucideIcon } from 'lucide-react';
import type { CaseStatus } from '@/lib/db/generated/enums';

const COLORS: Record<CaseStatus, string> = {
  filed: 'bg-slate-100 text-slate-700',
  under_review: 'bg-sky-100 text-sky-800',
  verified: 'bg-emerald-100 text-emerald-800',
  closed: 'bg-slate-200 text-slate-600',
};

const ICONS: Record<CaseStatus, LucideIcon> = { filed: FileText, under_review: Search, verified: CircleCheck, closed: Archive };

export async function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const t = await getTranslations('common.caseStatus');
  const Icon = ICONS[status];
  return (
    <span data-case-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${COLORS[status]}`}>
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      {t(status)}
    </span>
  );
}
