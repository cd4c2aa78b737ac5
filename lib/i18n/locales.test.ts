import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales';

describe('pickLocale', () => {
  it('prefers the cookie the language switch set', () => {
    expect(pickLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(pickLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });
  it('falls back to the browser’s first supported language, then Chinese', () => {
    expect(pickLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale(undefined, 'zh-TW,en;q=0.5')).toBe('zh-CN');
    expect(pickLocale(undefined, 'fr-FR,de;q=0.5')).toBe('zh-CN');
    expect(pickLocale('xx', null)).toBe('zh-CN');
  });
});
