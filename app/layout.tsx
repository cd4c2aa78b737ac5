import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: 'Evident 电子证据存证',
  description: 'Electronic evidence notarization anchored on a consortium chain',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-5xl items-center gap-6 px-6 py-4">
            <Link href="/" className="text-lg font-semibold text-slate-900">
              Evident <span className="text-slate-500">存证</span>
            </Link>
            <Link href="/upload" className="text-sm text-slate-700 hover:text-slate-950">
              上传证据 Upload
            </Link>
            <Link href="/verify" className="text-sm text-slate-700 hover:text-slate-950">
              核验证书 Verify
            </Link>
            <Link href="/api-docs" className="text-sm text-slate-700 hover:text-slate-950">
              接口 API
            </Link>
          </nav>
        </header>
        <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
      </body>
    </html>
  );
}
