import Link from 'next/link';
import { getPrisma } from '@/lib/db/client';
import { listRecentEvidence } from '@/lib/evidence/list-recent-evidence';
import { StatusBadge } from './_components/status-badge';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const items = await listRecentEvidence({ prisma: getPrisma(), limit: 50 });
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">电子证据存证 Electronic evidence notarization</h1>
        <p className="text-slate-600">
          每份证据计算 SHA-256，批量组成 Merkle 树，树根锚定在联盟链上；证书可脱离本平台独立核验。
          <br />
          Each item is hashed (SHA-256), batched into a Merkle tree whose root is anchored on the consortium chain; its
          certificate verifies without trusting this platform.
        </p>
        <div className="flex gap-3 pt-2">
          <Link href="/upload" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
            上传证据 Upload evidence
          </Link>
          <Link href="/verify" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
            核验证书 Verify a certificate
          </Link>
        </div>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">最近的证据 Recent evidence</h2>
        {items.length === 0 ? (
          <p className="text-slate-500">暂无证据。No evidence yet.</p>
        ) : (
          <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow-sm">
            <thead className="bg-slate-100 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">文件 File</th>
                <th className="px-3 py-2">SHA-256</th>
                <th className="px-3 py-2">状态 Status</th>
                <th className="px-3 py-2">提交时间 Submitted</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link className="text-sky-700 hover:underline" href={`/evidence/${item.id}`}>
                      {item.fileName}
                    </Link>
                  </td>
                  <td className="mono px-3 py-2 text-xs text-slate-600">{item.sha256.slice(0, 18)}…</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={item.status} />
                  </td>
                  <td className="px-3 py-2 text-slate-600">{new Date(item.submittedAt).toLocaleString('zh-CN')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
