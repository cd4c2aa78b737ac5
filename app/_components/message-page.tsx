import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** The page shown for 404, 403 and 401: a title, one sentence, a way back. Never a stack trace. */
export async function MessagePage({ status, title, body }: { status: number; title: string; body: string }) {
  const t = await getTranslations('common.errors');
  return (
    <div className="mx-auto max-w-lg space-y-3 py-16 text-center" data-status-page={status}>
      <p className="text-sm font-medium text-slate-500">{status}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-600">{body}</p>
      <Link href="/" className="inline-block pt-2 text-sm text-sky-700 hover:underline">
        {t('backHome')}
      </Link>
    </div>
  );
}
