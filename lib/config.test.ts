import { describe, expect, it } from 'vitest';
import { assertSecretsConfig, ConfigError, loadConfig } from './config';

const EXTERNAL = { DATABASE_URL: 'postgresql://evident@db.example:5432/evident' };

describe('configuration', () => {
  it('seeds the demo consortium only on the embedded database unless told', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(loadConfig(EXTERNAL).seedDemo).toBe(false);
    expect(loadConfig({ ...EXTERNAL, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO: must be true or false/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ MEMBER_ANCHOR_KEYS: `0x${'11'.repeat(32)},0x1234` })).toThrow(
      /MEMBER_ANCHOR_KEYS.*: must be a comma-separated list of 0x-prefixed 32-byte hex private keys/,
    );
  });

  it('reads the lenders\' own anchoring keys as a comma-separated list', () => {
    expect(loadConfig({}).memberAnchorKeys).toEqual([]);
    const keys = [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`];
    expect(loadConfig({ MEMBER_ANCHOR_KEYS: ` ${keys[0]}, ${keys[1]} ` }).memberAnchorKeys).toEqual(keys);
  });

  it('requires every secret explicitly with an external database, and none on embedded defaults', () => {
    expect(() => assertSecretsConfig(loadConfig({}))).not.toThrow();
    let problems: string[] = [];
    try {
      assertSecretsConfig(loadConfig(EXTERNAL));
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(':')[0])).toEqual(['ISSUER_PRIVATE_KEY', 'SESSION_SECRET', 'BORROWER_ID_SALT']);
    const complete = {
      ...EXTERNAL,
      ISSUER_PRIVATE_KEY: '0x' + '11'.repeat(32),
      SESSION_SECRET: 's'.repeat(40),
      BORROWER_ID_SALT: 'b'.repeat(40),
    };
    expect(() => assertSecretsConfig(loadConfig(complete))).not.toThrow();
  });
});
