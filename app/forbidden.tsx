import { getTranslations } from 'next-intl/server';
import { MessagePage } from './_components/message-page';

export default async function Forbidden() {
  const t = await getTranslations('common.errors');
  return <MessagePage status={403} title={t('forbiddenTitle')} body={t('forbiddenBody')} />;
}
