import { describe, expect, it } from 'vitest';
import { createRevocationLookup } from './create-revocation-lookup';

const SERIAL = 'EVD-7K3M-9QX2-R5T8-WB4N';

function fakeFetch(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return async (input) => {
    seen.push(String(input));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe('createRevocationLookup', () => {
  it('asks GET /api/v1/certificates/{serial}/status on the issuer origin', async () => {
    const seen: string[] = [];
    const lookup = createRevocationLookup({ baseUrl: 'https://evident.example/any/page', fetch: fakeFetch(200, { serial: SERIAL, revoked: false }, seen) });
    expect(await lookup(SERIAL)).toEqual({ serial: SERIAL, revoked: false });
    expect(seen).toEqual([`https://evident.example/api/v1/certificates/${SERIAL}/status`]);
  });

  it('passes on reason and time of a revocation, and ignores fields it does not know', async () => {
    const answer = { serial: SERIAL, revoked: true, reason: 'issued in error', revokedAt: '2026-03-01T12:00:00.000Z', note: 'x' };
    const lookup = createRevocationLookup({ baseUrl: 'https://evident.example', fetch: fakeFetch(200, answer) });
    expect(await lookup(SERIAL)).toEqual({ serial: SERIAL, revoked: true, reason: 'issued in error', revokedAt: '2026-03-01T12:00:00.000Z' });
  });

  it.each([
    ['an unknown serial', 404, { error: 'not found' }, `knows no certificate with serial ${SERIAL}`],
    ['a server error', 503, 'down', 'answered HTTP 503'],
    ['an answer that is not JSON', 200, '<html>', 'did not answer with a revocation status'],
    ['an answer without revoked', 200, { serial: SERIAL }, 'did not answer with a revocation status'],
    ['an answer about another serial', 200, { serial: 'EVD-0000-0000-0000-0000', revoked: false }, 'answered for serial EVD-0000-0000-0000-0000'],
  ])('throws on %s, so that the check fails', async (_, status, body, message) => {
    const lookup = createRevocationLookup({ baseUrl: 'https://evident.example', fetch: fakeFetch(status, body) });
    await expect(lookup(SERIAL)).rejects.toThrow(message);
  });
});
