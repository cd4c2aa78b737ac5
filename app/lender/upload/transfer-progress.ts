// How far one file's transfer got, in the terms a person waiting for it asks about: percentage,
// bytes sent of the total, speed and time left. Speed is measured over the last few seconds only, so
// it follows the network as it changes (and a resumed upload's bytes sent before the break do not
// count as fast ones).
export interface TransferProgress {
  sentBytes: number;
  totalBytes: number;
  /** Null until two samples some time apart exist. */
  bytesPerSecond: number | null;
  /** Null while the speed is unknown or zero. */
  secondsLeft: number | null;
  /** The connection broke: the transfer resumes where it stopped once the browser is online again. */
  waitingForNetwork: boolean;
}

/** Samples older than this leave the speed's window. */
const WINDOW_MS = 3000;

export function createTransferMeter(now: () => number = () => performance.now()) {
  let samples: Array<{ at: number; sent: number }> = [];
  let last: TransferProgress = { sentBytes: 0, totalBytes: 0, bytesPerSecond: null, secondsLeft: null, waitingForNetwork: false };
  return {
    /** A progress report of the transport: `sent` of `total` bytes are on the server (or on the wire). */
    sample(sent: number, total: number): TransferProgress {
      const at = now();
      // Fewer bytes than before: the transfer started again from the server's offset.
      if (samples.length > 0 && sent < samples[samples.length - 1].sent) samples = [];
      samples.push({ at, sent });
      while (samples.length > 2 && at - samples[0].at > WINDOW_MS) samples.shift();
      const first = samples[0];
      const elapsed = (at - first.at) / 1000;
      const bytesPerSecond = elapsed >= 0.2 ? (sent - first.sent) / elapsed : last.bytesPerSecond;
      const secondsLeft = bytesPerSecond ? Math.max(0, Math.ceil((total - sent) / bytesPerSecond)) : null;
      last = { sentBytes: sent, totalBytes: total, bytesPerSecond, secondsLeft, waitingForNetwork: false };
      return last;
    },
    /** The connection broke (true) or came back (false): speed starts over. */
    waiting(waitingForNetwork: boolean): TransferProgress {
      samples = [];
      last = { ...last, bytesPerSecond: null, secondsLeft: null, waitingForNetwork };
      return last;
    },
  };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB" (powers of 1024, one decimal from KB up). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Whole percent of the transfer done; 100 only when every byte is sent. */
export function percentOf({ sentBytes, totalBytes }: Pick<TransferProgress, 'sentBytes' | 'totalBytes'>): number {
  if (totalBytes <= 0) return 0;
  return sentBytes >= totalBytes ? 100 : Math.min(99, Math.floor((sentBytes / totalBytes) * 100));
}

/** Seconds as hours, minutes and seconds, for a "time left" message. */
export function splitDuration(seconds: number): { hours: number; minutes: number; seconds: number } {
  return { hours: Math.floor(seconds / 3600), minutes: Math.floor((seconds % 3600) / 60), seconds: seconds % 60 };
}
