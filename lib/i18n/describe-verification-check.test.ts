import { createFormatter, createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../proof/verification-report';
import { describeCheckDetails, describeVerificationCheck } from './describe-verification-check';
import { loadMessages } from './load-messages';
import { DISPLAY_TIME_ZONE, LOCALES, type Locale } from './locales';

async function intl(locale: Locale) {
  const messages = await loadMessages(locale);
  return {
    messages,
    t: createTranslator({ locale, messages: messages.verify as Record<string, any>, timeZone: DISPLAY_TIME_ZONE }),
    format: createFormatter({ locale, timeZone: DISPLAY_TIME_ZONE }),
  };
}

const placeholders = (sentence: string) => [...sentence.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('describeVerificationCheck', () => {
  for (const locale of LOCALES) {
    it(`${locale}: has a sentence for every check code, naming the same values as the English one`, async () => {
      const { messages, t, format } = await intl(locale);
      const english = (await loadMessages('en')).verify.results as Record<string, Record<string, string>>;
      const results = messages.verify.results as Record<string, Record<string, string>>;
      for (const code of CHECK_CODES) {
        const [id, outcome] = code.split('.');
        expect(results[id]?.[outcome], `${locale} verify.results.${code}`).toBeTypeOf('string');
        expect(placeholders(results[id][outcome]), code).toEqual(placeholders(english[id][outcome]));
        const params = Object.fromEntries(placeholders(results[id][outcome]).map((name) => [name, `<${name}>`]));
        const sentence = describeVerificationCheck({ code, message: 'English', params }, t, format);
        expect(sentence, code).not.toMatch(/[{}]/);
      }
    });
  }

  it('shows the block time in Beijing time, not UTC', async () => {
    const check = {
      code: 'chain-anchor.anchored-first' as const,
      message: 'English',
      params: { submitter: '0xa', contract: '0xb', chainId: '20200', blockNumber: '42', blockTime: '2026-03-01T12:00:00.000Z', txHash: '0xc', previousRoot: '0x00' },
    };
    const zh = await intl('zh-CN');
    const en = await intl('en');
    expect(describeVerificationCheck(check, zh.t, zh.format)).toContain('于2026/03/01 20:00:00（北京时间）锚定');
    expect(describeVerificationCheck(check, en.t, en.format)).toContain('at 03/01/2026, 20:00:00 (Beijing time), by');
    expect(describeVerificationCheck(check, zh.t, zh.format)).toContain('区块 42');
  });

  it('fills in the time and reason an issuer did not give for a revocation', async () => {
    const { t, format } = await intl('zh-CN');
    expect(describeVerificationCheck({ code: 'revocation.revoked', message: 'English', params: { serial: 'EV-1' } }, t, format)).toBe(
      '签发方已于未知时间吊销证书 EV-1，原因：未说明原因。',
    );
  });

  it('has nothing to say about a check stored without a code', async () => {
    const { t, format } = await intl('zh-CN');
    expect(describeVerificationCheck({ message: 'The file’s SHA-256 … does not match' }, t, format)).toBeNull();
  });
});

describe('describeCheckDetails', () => {
  it('labels known details, formats times in Beijing time and keeps field paths as they are', async () => {
    const { t, format } = await intl('zh-CN');
    const details = describeCheckDetails({ txHash: '0xc', blockTimeIso: '2026-03-01T12:00:00.000Z', 'evidence.sha256': 'expected hex' }, t, format);
    expect(details).toEqual([
      { key: 'txHash', label: '交易', value: '0xc' },
      { key: 'blockTimeIso', label: '区块时间', value: '2026/03/01 20:00:00（北京时间）' },
      { key: 'evidence.sha256', label: 'evidence.sha256', value: 'expected hex' },
    ]);
  });
});
