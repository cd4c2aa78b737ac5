import { getTranslations } from 'next-intl/server';
import { MessagePage } from './_components/message-page';

export default async function Unauthorized() {
  const t = await getTranslations('common.errors');
  return <MessagePage status={401} title={t('unauthorizedTitle')} body={t('unauthorizedBody')} />;
}
