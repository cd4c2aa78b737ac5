import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { getPrisma } from '@/lib/db/client';
import { ConfirmDialog } from '@/app/_components/confirm-dialog';
import { revokeKeyAction } from './actions';
import { CreateKeyForm } from './create-key-form';

export const dynamic = 'force-dynamic';

export default async function ApiKeysPage() {
  const viewer = await requireViewerFor('api_key.manage');
  const [t, format, keys] = await Promise.all([getTranslations('apiKeys'), getFormatter(), listApiKeys({ prisma: getPrisma(), viewer })]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600">{t('intro')}</p>
      </div>
      <CreateKeyForm />
      <table data-testid="api-keys-table" className="w-full overflow-hidden rounded-lg bg-white text-sm shadow-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2">{t('name')}</th>
            <th className="px-3 py-2">{t('prefix')}</th>
            <th className="px-3 py-2">{t('created')}</th>
            <th className="px-3 py-2">{t('lastUsed')}</th>
            <th className="px-3 py-2">{t('state')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-3 py-4 text-slate-500">
                {t('none')}
              </td>
            </tr>
          ) : (
            keys.map((key) => (
              <tr key={key.id} className="border-t border-slate-100" data-testid="api-key-row" data-prefix={key.prefix}>
                <td className="px-3 py-2">{key.name}</td>
                <td className="mono px-3 py-2 text-xs">evk_{key.prefix}_…</td>
                <td className="px-3 py-2 text-slate-600">{format.dateTime(key.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td className="px-3 py-2 text-slate-600">{key.lastUsedAt ? format.dateTime(key.lastUsedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'}</td>
                <td className="px-3 py-2">
                  {key.revokedAt ? (
                    <span data-testid="api-key-revoked" className="text-red-700">{t('revokedAt', { time: format.dateTime(key.revokedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</span>
                  ) : (
                    <form id={`revoke-${key.prefix}`} action={revokeKeyAction}>
                      <input type="hidden" name="prefix" value={key.prefix} />
                      <ConfirmDialog
                        testId="revoke-api-key-dialog"
                        trigger={
                          <button type="button" data-testid="revoke-api-key" className="rounded-md border border-red-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50">
                            {t('revoke')}
                          </button>
                        }
                        title={t('revokeConfirm.title', { name: key.name })}
                        description={t('revokeConfirm.description', { prefix: `evk_${key.prefix}_…` })}
                        confirmLabel={t('revokeConfirm.confirm')}
                        cancelLabel={t('revokeConfirm.cancel')}
                        confirmForm={`revoke-${key.prefix}`}
                        destructive
                      />
                    </form>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
