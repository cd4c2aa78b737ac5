import { getTranslations } from 'next-intl/server';
import type { CaseStatus } from '@/lib/db/generated/enums';

const COLORS: Record<CaseStatus, string> = {
  filed: 'bg-slate-100 text-slate-700',
  under_review: 'bg-sky-100 text-sky-800',
  verified: 'bg-emerald-100 text-emerald-800',
  closed: 'bg-slate-200 text-slate-600',
};

export async function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const t = await getTranslations('common.caseStatus');
  return (
    <span data-case-status={status} className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${COLORS[status]}`}>
      {t(status)}
    </span>
  );
}
