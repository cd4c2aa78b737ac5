import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertSecretsConfig, assertStartupConfig, ConfigError, loadConfig } from './config';

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
    expect(problems.map((p) => p.split(':')[0])).toEqual(['ISSUER_PRIVATE_KEY', 'SESSION_SECRET', 'BORROWER_ID_SALT', 'RECONCILIATION_KEY_SECRET']);
    const complete = {
      ...EXTERNAL,
      ISSUER_PRIVATE_KEY: '0x' + '11'.repeat(32),
      SESSION_SECRET: 's'.repeat(40),
      BORROWER_ID_SALT: 'b'.repeat(40),
      RECONCILIATION_KEY_SECRET: 'r'.repeat(40),
    };
    expect(() => assertSecretsConfig(loadConfig(complete))).not.toThrow();
  });

  it('reads the timestamping authority settings, and wants trusted roots with an external TSA', () => {
    const defaults = loadConfig({});
    expect([defaults.tsaUrl, defaults.tsaTimeoutMs, defaults.timestampSkewWarningSeconds]).toEqual([undefined, 10_000, 600]);
    expect(() => assertStartupConfig(defaults)).not.toThrow();
    const external = loadConfig({ TSA_URL: 'https://tsa.example/tsr', TSA_POLICY_OID: '1.2.156.1', TSA_TIMEOUT_MS: '3000' });
    expect([external.tsaUrl, external.tsaPolicyOid, external.tsaTimeoutMs]).toEqual(['https://tsa.example/tsr', '1.2.156.1', 3000]);
    expect(() => assertStartupConfig(external)).toThrow(/TSA_CA_CERTS: is required when TSA_URL/);
    expect(() => assertStartupConfig(loadConfig({ TSA_URL: 'https://tsa.example/tsr', TSA_CA_CERTS: '/etc/tsa-roots.pem' }))).not.toThrow();
    expect(() => loadConfig({ TSA_URL: 'ftp://tsa.example' })).toThrow(/TSA_URL: must be an http\(s\) URL/);
    expect(() => loadConfig({ TSA_POLICY_OID: 'policy' })).toThrow(/TSA_POLICY_OID: must be a dotted object identifier/);
    expect(() => loadConfig({ TIMESTAMP_SKEW_WARNING_SECONDS: '-1' })).toThrow(/TIMESTAMP_SKEW_WARNING_SECONDS/);
  });
});

describe('OPERATOR_STATEMENTS_FILE', () => {
  it('reads the operator’s statements, and stops start-up naming the variable when the file is wrong', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'operator-statements-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ operator: { zh: '运营方', en: 'Operator' }, blockchainServiceFilingNumber: '京网信备00000000000001号' }));
    expect(loadConfig({ OPERATOR_STATEMENTS_FILE: good }).operatorStatements).toMatchObject({ blockchainServiceFilingNumber: '京网信备00000000000001号' });
    expect(loadConfig({}).operatorStatements).toBeNull();
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ operator: { zh: '运营方' }, unknown: 1 }));
    expect(() => loadConfig({ OPERATOR_STATEMENTS_FILE: bad })).toThrow(/OPERATOR_STATEMENTS_FILE: .*bad\.json: .*operator\.en/);
    expect(() => loadConfig({ OPERATOR_STATEMENTS_FILE: path.join(dir, 'missing.json') })).toThrow(/OPERATOR_STATEMENTS_FILE: cannot read/);
  });
});

describe('OPERATOR_SEAL_IMAGE_FILE', () => {
  it('reads a PNG or JPEG seal, is null unless configured, and stops start-up naming the variable otherwise', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'operator-seal-'));
    const png = path.join(dir, 'seal.png');
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8CAB+GTG8HSALfKY52fTcuYAAAAAElFTkSuQmCC', 'base64'));
    expect(loadConfig({ OPERATOR_SEAL_IMAGE_FILE: png }).operatorSealImage?.format).toBe('png');
    const jpeg = path.join(dir, 'seal.jpg');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    expect(loadConfig({ OPERATOR_SEAL_IMAGE_FILE: jpeg }).operatorSealImage?.format).toBe('jpeg');
    expect(loadConfig({}).operatorSealImage).toBeNull();
    const text = path.join(dir, 'seal.svg');
    writeFileSync(text, '<svg/>');
    expect(() => loadConfig({ OPERATOR_SEAL_IMAGE_FILE: text })).toThrow(/OPERATOR_SEAL_IMAGE_FILE: .*seal\.svg is neither a PNG nor a JPEG image/);
    const huge = path.join(dir, 'huge.png');
    writeFileSync(huge, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1024 * 1024)]));
    expect(() => loadConfig({ OPERATOR_SEAL_IMAGE_FILE: huge })).toThrow(/OPERATOR_SEAL_IMAGE_FILE: .*at most 1048576 bytes/);
    expect(() => loadConfig({ OPERATOR_SEAL_IMAGE_FILE: path.join(dir, 'missing.png') })).toThrow(/OPERATOR_SEAL_IMAGE_FILE: cannot read/);
  });
});
