import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestAbortedError } from '../errors';
import { problemResponse } from './problem-response';

afterEach(() => vi.restoreAllMocks());

describe('a client that goes away mid-body', () => {
  it('is a quiet 400 request-aborted, in the forms Node and undici report it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const premature = Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    const wrapped = new TypeError('terminated', { cause: reset });
    for (const error of [reset, premature, wrapped, new RequestAbortedError()]) {
      const response = problemResponse(error);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'request-aborted' });
    }
    expect(logged).not.toHaveBeenCalled();
  });

  it('leaves other unexpected errors a logged 500', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(problemResponse(new Error('boom')).status).toBe(500);
    expect(logged).toHaveBeenCalledOnce();
  });
});

describe('a full disk', () => {
  it('is a 507 storage-full, not an unexpected 500', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const response = problemResponse(Object.assign(new Error(`${code}: no space left on device, write`), { code }));
      expect(response.status).toBe(507);
      expect(await response.json()).toMatchObject({ code: 'storage-full' });
    }
    expect(logged).not.toHaveBeenCalled();
  });
});
