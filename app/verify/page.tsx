import { VerifyPanel } from './verify-panel';

export default function VerifyPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">核验证书 Verify a certificate</h1>
      <p className="text-sm text-slate-600">
        证书与原始文件只在您的浏览器中处理，文件不会上传。链上锚定直接向所填的链节点查询。
        <br />
        The certificate and the original file are checked in your browser; the file is never uploaded. The anchor is
        read from the chain node you name below, so you can use your own node.
      </p>
      <VerifyPanel />
    </div>
  );
}
