import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGE_NAMESPACES } from './locales';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function read(locale: string, namespace: string): unknown {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, 'messages', locale, `${namespace}.json`), 'utf8'));
}

describe('message files', () => {
  for (const namespace of MESSAGE_NAMESPACES) {
    it(`${namespace}: every locale has the same keys, none empty`, () => {
      const [first, ...rest] = LOCALES;
      const expected = keysOf(read(first, namespace)).sort();
      expect(expected.length).toBeGreaterThan(0);
      for (const locale of rest) expect(keysOf(read(locale, namespace)).sort(), locale).toEqual(expected);
      for (const locale of LOCALES) {
        const flat = keysOf(read(locale, namespace));
        for (const key of flat) {
          const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], read(locale, namespace));
          expect(typeof value === 'string' && value.trim().length > 0, `${locale} ${namespace}.${key}`).toBe(true);
        }
      }
    });
  }
});
