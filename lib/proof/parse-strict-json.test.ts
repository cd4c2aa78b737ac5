import { describe, expect, it } from 'vitest';
import { PLAIN_INTEGER, parseStrictJson, StrictJsonError } from './parse-strict-json';

function problem(text: string, options?: Parameters<typeof parseStrictJson>[1]): { message: string; path: string } | null {
  try {
    parseStrictJson(text, options);
    return null;
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    return { message: error.message, path: error.path };
  }
}

const integers = (paths: string[]) => ({
  numberPolicy: (path: string, raw: string) => (paths.includes(path) && !PLAIN_INTEGER.test(raw) ? `must be plain digits, not ${raw}` : null),
});

describe('strict JSON', () => {
  it('parses what JSON.parse parses when every key is unique', () => {
    expect(parseStrictJson('{"a":1,"b":[{"a":2},{"a":3}],"c":{"a":{"a":null}}}')).toEqual({ a: 1, b: [{ a: 2 }, { a: 3 }], c: { a: { a: null } } });
    expect(parseStrictJson('"x"')).toBe('x');
    expect(parseStrictJson(' [ ] ')).toEqual([]);
  });

  it('refuses a duplicate key at any depth, naming its path', () => {
    expect(problem('{"evidence":{"fileName":"forged"},"evidence":{"fileName":"genuine"}}')).toEqual({ message: 'duplicate key "evidence"', path: '$.evidence' });
    expect(problem('{"evidence":{"fileName":"a","size":1,"fileName":"b"}}')).toMatchObject({ path: '$.evidence.fileName' });
    expect(problem('{"proof":{"path":["x",{"k":1,"k":2}]}}')).toMatchObject({ path: '$.proof.path[1].k' });
    expect(problem('[{"a":1},{"a":1,"a":1}]')).toMatchObject({ path: '$[1].a' });
    expect(problem('{"odd key":{"x":1,"x":2}}')).toMatchObject({ path: '$["odd key"].x' });
  });

  it('finds a duplicate among many keys too', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`);
    expect(problem(`{${keys.join(',')}}`)).toBeNull();
    expect(problem(`{${keys.join(',')},"k3":0}`)).toMatchObject({ path: '$.k3' });
  });

  it('compares keys after unescaping', () => {
    expect(problem('{"a":1,"\\u0061":2}')).toMatchObject({ message: 'duplicate key "a"', path: '$.a' });
    expect(problem('{"\\"":1,"\\u0022":2}')).toMatchObject({ message: 'duplicate key "\\""' });
    // Strings that merely contain quotes, braces or commas are not structure.
    expect(problem('{"a":"}\\",{\\"a\\":1","b":"[,"}')).toBeNull();
  });

  it('holds integers at the given paths to one spelling', () => {
    const policy = integers(['$.version', '$.evidence.size']);
    expect(problem('{"version":01}', policy)).toMatchObject({ path: '$' }); // not JSON at all
    for (const raw of ['1.0', '1e0', '-0', '1E0', '-1', '0.5', '1e+0']) {
      expect(problem(`{"version":${raw}}`, policy)).toEqual({ message: `must be plain digits, not ${raw}`, path: '$.version' });
    }
    expect(problem('{"version":1,"evidence":{"size":0}}', policy)).toBeNull();
    expect(problem('{"other":1.5}', policy)).toBeNull();
  });

  it('bounds nesting', () => {
    expect(problem(`${'['.repeat(129)}${']'.repeat(129)}`)).toMatchObject({ message: 'nests deeper than 128 levels' });
    expect(problem(`${'['.repeat(128)}${']'.repeat(128)}`)).toBeNull();
  });

  it('says when the text is not JSON at all', () => {
    expect(problem('{"a":')).toMatchObject({ path: '$', message: expect.stringMatching(/^is not valid JSON/) });
  });
});
