import { describe, expect, it } from 'vitest';
import { createTransferMeter, formatBytes, percentOf, splitDuration } from './transfer-progress';

describe('createTransferMeter', () => {
  it('measures speed over the last seconds and the time left from it', () => {
    let now = 0;
    const meter = createTransferMeter(() => now);
    expect(meter.sample(0, 100_000_000)).toMatchObject({ bytesPerSecond: null, secondsLeft: null });
    now = 1000;
    expect(meter.sample(10_000_000, 100_000_000)).toMatchObject({ bytesPerSecond: 10_000_000, secondsLeft: 9 });
    // The network slows down: after the window the old fast samples no longer count.
    for (let t = 2000; t <= 6000; t += 1000) {
      now = t;
      meter.sample(10_000_000 + ((t - 1000) / 1000) * 1_000_000, 100_000_000);
    }
    expect(meter.sample(15_000_000, 100_000_000).bytesPerSecond).toBe(1_000_000);
  });

  it('starts over when the transfer resumes from a lower offset, and says when it waits for the network', () => {
    let now = 0;
    const meter = createTransferMeter(() => now);
    meter.sample(0, 1000);
    now = 1000;
    meter.sample(600, 1000);
    expect(meter.waiting(true)).toMatchObject({ sentBytes: 600, waitingForNetwork: true, bytesPerSecond: null });
    now = 5000;
    expect(meter.sample(500, 1000)).toMatchObject({ sentBytes: 500, bytesPerSecond: null, waitingForNetwork: false });
    now = 5500;
    expect(meter.sample(750, 1000)).toMatchObject({ bytesPerSecond: 500, secondsLeft: 1 });
  });
});

it('formats bytes, percentages and durations', () => {
  expect(formatBytes(512)).toBe('512 B');
  expect(formatBytes(200 * 1024 * 1024)).toBe('200.0 MB');
  expect(formatBytes(1536)).toBe('1.5 KB');
  expect(percentOf({ sentBytes: 999, totalBytes: 1000 })).toBe(99);
  expect(percentOf({ sentBytes: 1000, totalBytes: 1000 })).toBe(100);
  expect(percentOf({ sentBytes: 0, totalBytes: 0 })).toBe(0);
  expect(splitDuration(3725)).toEqual({ hours: 1, minutes: 2, seconds: 5 });
});
