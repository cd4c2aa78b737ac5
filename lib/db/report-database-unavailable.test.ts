import { describe, expect, it } from 'vitest';
import { DATABASE_UNAVAILABLE_LOG_INTERVAL_MS, reportDatabaseUnavailable } from './report-database-unavailable';

describe('reportDatabaseUnavailable', () => {
  it('logs the first failure, then once per interval with the count since', () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    // Far from any time another test in this process may have reported at.
    const start = 4e12;
    for (let i = 0; i < 500; i++) reportDatabaseUnavailable(error, { log, now: start + i });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('connect ECONNREFUSED 127.0.0.1:5432');
    reportDatabaseUnavailable(error, { log, now: start + DATABASE_UNAVAILABLE_LOG_INTERVAL_MS });
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('500 times');
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
