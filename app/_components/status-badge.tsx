import type { EvidenceStatus } from '@/lib/evidence/evidence-view';

const LABELS: Record<EvidenceStatus | 'failed' | 'uploading', { text: string; className: string }> = {
  uploading: { text: '上传中 uploading', className: 'bg-slate-100 text-slate-700' },
  pending: { text: '待打包 pending', className: 'bg-amber-100 text-amber-800' },
  anchoring: { text: '上链中 anchoring', className: 'bg-sky-100 text-sky-800' },
  anchored: { text: '已上链 anchored', className: 'bg-emerald-100 text-emerald-800' },
  failed: { text: '失败 failed', className: 'bg-red-100 text-red-800' },
};

export function StatusBadge({ status }: { status: keyof typeof LABELS }) {
  const label = LABELS[status];
  return (
    <span data-status={status} className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${label.className}`}>
      {label.text}
    </span>
  );
}
