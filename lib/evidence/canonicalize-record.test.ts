// RFC 8785 (JSON Canonicalization Scheme) behaviour of record canonicalisation, with the RFC's own
// examples: section 3.2.2 (whitespace, literals, numbers, string escapes), section 3.2.3 (property
// sorting by UTF-16 code units) and appendix B (number serialisation).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalizeRecord } from './canonicalize-record';

const canonicalOf = (jsonText: string) => canonicalizeRecord(JSON.parse(jsonText)).canonical;

describe('canonicalizeRecord', () => {
  it('reproduces the example of RFC 8785 section 3.2.2', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalOf(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts properties by UTF-16 code units (RFC 8785 section 3.2.3)', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    expect(canonicalOf(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('sorts nested objects and keeps array order', () => {
    expect(canonicalOf('{"b":[3,1,{"z":1,"a":2}],"a":{"y":null,"x":"é"}}')).toBe('{"a":{"x":"é","y":null},"b":[3,1,{"a":2,"z":1}]}');
  });

  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['1e21', '1e+21'],
    ['1E21', '1e+21'],
    ['1e20', '100000000000000000000'],
    ['1E-7', '1e-7'],
    ['0.000001', '0.000001'],
    ['4.50', '4.5'],
    ['5e-324', '5e-324'],
    ['1.7976931348623157e308', '1.7976931348623157e+308'],
    ['9007199254740992', '9007199254740992'],
    ['295147905179352830000', '295147905179352830000'],
    ['9.999999999999997e22', '9.999999999999997e+22'],
    ['-1.5E-10', '-1.5e-10'],
  ])('formats the number %s as %s (ECMAScript shortest round trip, RFC 8785 appendix B)', (input, expected) => {
    expect(canonicalOf(`{"n":${input}}`)).toBe(`{"n":${expected}}`);
  });

  it('writes non-ASCII characters as UTF-8, escapes only what JSON requires, and hashes the UTF-8 bytes', () => {
    const record = canonicalizeRecord({ borrower: '张三', note: 'tab\there', emoji: '😀', control: '\u001f' });
    expect(record.canonical).toBe('{"borrower":"张三","control":"\\u001f","emoji":"😀","note":"tab\\there"}');
    const bytes = Buffer.from(record.canonical, 'utf8');
    expect(record.size).toBe(bytes.length);
    expect(Buffer.from(record.sha256).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('gives the same hash however the JSON was formatted', () => {
    const compact = canonicalizeRecord(JSON.parse('{"amount":"1520.00","loanId":"L-1","instalment":3}'));
    const spaced = canonicalizeRecord(JSON.parse('{\n  "instalment" : 3.0,\n  "loanId": "L-1",\n  "amount": "1520.00"\n}'));
    expect(spaced.sha256).toEqual(compact.sha256);
  });

  it('refuses a lone UTF-16 surrogate, which has no UTF-8 form', () => {
    expect(() => canonicalizeRecord(JSON.parse('{"s":"\\ud800"}'))).toThrow(/surrogate/i);
  });
});
