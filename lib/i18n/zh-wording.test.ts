// What a Chinese reader sees is Chinese: every zh-CN message, each check's explanation as the portal
// and the report documents give it, and every reason a certificate file cannot be read. Names stay as
// they are (Evident, Merkle, RFC 3161, SHA-256, contract events); whole English phrases do not. And one
// word for one thing (see TERMS in locales.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { loadReportWording } from '../cases/report-wording';
import { ITEM_FAILURE_REASONS, type ItemVerification } from '../cases/case-schemas';
import { CHECK_CODES, CHECK_IDS, type CheckCode } from '../proof/verification-report';
import { UNREADABLE_CERTIFICATE_PROBLEMS } from '../proof/read-certificate-file';
import { loadMessages } from './load-messages';
import { DISPLAY_TIME_ZONE, MESSAGE_NAMESPACES, TERMS } from './locales';

const CJK = /\p{Script=Han}/u;
/** Three English words in a row: a phrase, not a name. */
const ENGLISH_PHRASE = /\b[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}\b/;
/** The zh-CN messages that quote code or protocol text a reader types or sees verbatim. */
const VERBATIM = new Set(['apiDocs.keys', 'apiDocs.security.apiKey']);

function strings(value: unknown, prefix: string): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => strings(child, `${prefix}.${key}`));
}

function zhMessages(): Array<[string, string]> {
  return MESSAGE_NAMESPACES.flatMap((namespace) =>
    strings(JSON.parse(readFileSync(path.join(import.meta.dirname, 'messages', 'zh-CN', `${namespace}.json`), 'utf8')), namespace),
  );
}

/** Chinese, with no English phrase once the values it names are taken out. */
function expectChinese(sentence: string, what: string, values: string[] = []): void {
  const bare = values.reduce((text, value) => text.split(value).join(''), sentence);
  expect(bare, what).toMatch(CJK);
  expect(bare, what).not.toMatch(ENGLISH_PHRASE);
}

/** A check as a verifier stores it, with a value for each parameter of its sentence. */
function checkWithParams(code: CheckCode, english: Record<string, Record<string, string>>): ItemVerification['checks'][number] {
  const [id, outcome] = code.split('.');
  const names = [...english[id][outcome].matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const params = Object.fromEntries(names.map((name) => [name, name.endsWith('Time') || name.endsWith('At') ? '2026-03-01T12:00:00.000Z' : `0xvalue-${name}`]));
  return { id: id as (typeof CHECK_IDS)[number], status: 'fail', message: `English sentence for ${code}`, code, params };
}

describe('the Chinese interface', () => {
  it('has no English phrase in any zh-CN message', () => {
    for (const [key, text] of zhMessages()) {
      if (VERBATIM.has(key)) continue;
      expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(ENGLISH_PHRASE);
    }
  });

  it('says 核验 for checking a certificate or evidence, never 验证 (身份验证 is sign-in, a different thing)', () => {
    // 核验证书 holds 验证 as characters, not as a word, so 核验 is taken out first.
    for (const [key, text] of zhMessages()) expect(text.replaceAll(TERMS.verification, '').replaceAll(TERMS.authentication, ''), key).not.toContain('验证');
    expect(zhMessages().filter(([, text]) => text.includes(TERMS.verification)).length).toBeGreaterThan(10);
  });

  it('explains every check outcome in Chinese in the report documents, the English sentence beside it', async () => {
    const wording = await loadReportWording();
    const english = (await loadMessages('en')).verify.results as Record<string, Record<string, string>>;
    for (const code of CHECK_CODES) {
      const check = checkWithParams(code, english);
      const { zh, en } = wording.checkExplanation(check);
      expectChinese(zh, code, Object.values(check.params!));
      expect(en, code).not.toMatch(CJK);
      expect(en, code).not.toBe(check.message);
      expectChinese(wording.checkName(check.id).zh, check.id);
    }
    for (const status of ['pass', 'fail', 'skipped'] as const) expectChinese(wording.checkStatus(status).zh, status);
  });

  it('explains every item result in Chinese in the report documents', async () => {
    const wording = await loadReportWording();
    const item = { evidenceId: 'e', fileName: 'f', title: null, sha256: '0x', message: 'English', certificateSerial: null, storedFileChecked: false, checks: [] };
    for (const reason of ITEM_FAILURE_REASONS) expectChinese(wording.itemExplanation({ ...item, passed: false, reason }).zh, reason);
    expectChinese(wording.itemExplanation({ ...item, passed: true, reason: null }).zh, 'passed');
    expectChinese(wording.itemExplanation({ ...item, passed: false, reason: null }).zh, 'anchor not checked');
    expect(wording.itemResult(false)).toEqual({ zh: '未通过', en: 'Failed' });
  });

  it('says in Chinese why a certificate file cannot be read', async () => {
    const messages = await loadMessages('zh-CN');
    const t = createTranslator({ locale: 'zh-CN', messages: messages.verify as Record<string, any>, timeZone: DISPLAY_TIME_ZONE });
    for (const problem of UNREADABLE_CERTIFICATE_PROBLEMS) {
      const values = { name: 'evident-certificate-EVD-1.json', names: 'a.json, b.json', count: '2' };
      const reason = t(`unreadableReasons.${problem}`, values);
      expectChinese(t('unreadable', { reason }), problem, Object.values(values));
    }
  });
});
