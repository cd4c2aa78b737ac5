import { UploadPanel } from './upload-panel';

export default function UploadPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">上传证据 Upload evidence</h1>
      <p className="text-sm text-slate-600">
        文件在浏览器中计算 SHA-256，上传时服务器再次计算并比对。
        The browser computes each file&apos;s SHA-256; the server computes it again while the file streams in and
        rejects any mismatch.
      </p>
      <UploadPanel />
    </div>
  );
}
