import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './cross-origin-write';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('isCrossOriginWrite', () => {
  it('lets a same-origin write through, by Host or by the first X-Forwarded-Host', () => {
    expect(isCrossOriginWrite('POST', headers({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(false);
    expect(isCrossOriginWrite('POST', headers({ host: '10.0.0.5:3000', 'x-forwarded-host': 'evident.example, proxy.internal', origin: 'https://evident.example' }))).toBe(false);
  });

  it('refuses a write from another host, port or an opaque origin, and one whose Origin is no URL', () => {
    for (const origin of ['https://attacker.example', 'http://127.0.0.1:3001', 'null', 'not a url']) {
      expect(isCrossOriginWrite('POST', headers({ host: '127.0.0.1:3000', origin })), origin).toBe(true);
    }
    // Behind a proxy the forwarded host is the one the browser saw; the Host alone no longer counts.
    expect(isCrossOriginWrite('POST', headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'evident.example', origin: 'http://127.0.0.1:3000' }))).toBe(true);
    expect(isCrossOriginWrite('DELETE', headers({ origin: 'http://127.0.0.1:3000' }))).toBe(true);
  });

  it('leaves reads and requests without an Origin alone', () => {
    expect(isCrossOriginWrite('GET', headers({ host: '127.0.0.1:3000', origin: 'https://attacker.example' }))).toBe(false);
    expect(isCrossOriginWrite('HEAD', headers({ host: '127.0.0.1:3000', origin: 'https://attacker.example' }))).toBe(false);
    expect(isCrossOriginWrite('POST', headers({ host: '127.0.0.1:3000' }))).toBe(false);
  });
});
