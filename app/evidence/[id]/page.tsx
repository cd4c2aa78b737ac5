import { notFound } from 'next/navigation';
import { getPrisma } from '@/lib/db/client';
import { EvidenceNotFoundError } from '@/lib/errors';
import { getEvidence } from '@/lib/evidence/get-evidence';
import { StatusBadge } from '../../_components/status-badge';
import { formatBlockTime } from '../../_components/format-block-time';

export const dynamic = 'force-dynamic';

export default async function EvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const evidence = await getEvidence({ prisma: getPrisma(), evidenceId: id }).catch((error) => {
    if (error instanceof EvidenceNotFoundError) notFound();
    throw error;
  });
  const rows: Array<[string, React.ReactNode]> = [
    ['文件名 File name', evidence.fileName],
    ['大小 Size', `${evidence.size.toLocaleString()} bytes`],
    ['SHA-256', <span className="mono">{evidence.sha256}</span>],
    ['提交时间 Submitted', new Date(evidence.submittedAt).toLocaleString('zh-CN')],
    ['状态 Status', <StatusBadge status={evidence.status} />],
  ];
  if (evidence.anchor) {
    rows.push(
      ['链 ID Chain id', evidence.anchor.chainId],
      ['合约 Contract', <span className="mono">{evidence.anchor.contract}</span>],
      ['交易 Transaction', <span className="mono">{evidence.anchor.txHash}</span>],
      ['区块 Block', evidence.anchor.blockNumber],
      ['区块时间 Block time', formatBlockTime(evidence.anchor.blockTime)],
      ['Merkle 根 Root', <span className="mono">{evidence.anchor.root}</span>],
    );
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">证据详情 Evidence</h1>
      <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {evidence.anchor ? (
        <div className="flex flex-wrap gap-3">
          <a
            href={`/api/v1/evidence/${evidence.id}/certificate/pdf`}
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white"
          >
            下载证书 Certificate (PDF)
          </a>
          <a
            href={`/api/v1/evidence/${evidence.id}/certificate`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
          >
            证书数据 Certificate (JSON)
          </a>
          <a
            href={`/api/v1/evidence/${evidence.id}/receipt`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
          >
            存证回执 Proof receipt (PDF)
          </a>
        </div>
      ) : (
        <p className="text-slate-500">上链后可下载证书。The certificate is available once the item is anchored.</p>
      )}
    </div>
  );
}
