import { describe, expect, it } from 'vitest';
import { missingPrerequisites, PREREQUISITES } from './check-prerequisites';

describe('npm test’s system prerequisites', () => {
  it('name everything missing and the one command that installs it', () => {
    const message = missingPrerequisites(PREREQUISITES, (command) => command === 'pdftoppm');
    expect(message).toContain('sudo apt-get update && sudo apt-get install -y chromium poppler-utils zbar-tools');
    expect(message).toContain('pdftotext');
  });

  it('say nothing when all are there', () => {
    expect(missingPrerequisites(PREREQUISITES, () => true)).toBeNull();
  });
});
