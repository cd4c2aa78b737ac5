import { getTranslations } from 'next-intl/server';
import { MessagePage } from './_components/message-page';

export default async function NotFound() {
  const t = await getTranslations('common.errors');
  return <MessagePage status={404} title={t('notFoundTitle')} body={t('notFoundBody')} />;
}
