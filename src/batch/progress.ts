// Progress on stderr: a bar when stderr is a terminal, nothing while running otherwise (the caller prints one
// summary line at the end). stdout stays free for data.
import cliProgress from 'cli-progress';

export interface CaseProgress {
  /** A case finished (analysed, reused or failed). */
  caseDone(caseId: string): void;
  stop(): void;
}

export interface ByteProgress {
  /** Sets the number of bytes read so far. */
  update(bytesDone: number): void;
  /** Adds bytes read. */
  increment(bytes: number): void;
  stop(): void;
}

type TtyStream = NodeJS.WritableStream & { isTTY?: boolean };

const NO_CASE_PROGRESS: CaseProgress = { caseDone: () => undefined, stop: () => undefined };

/** A case-count bar over `total` cases on `stream` (default stderr), or a silent one when it is not a terminal. */
export function createCaseProgress(total: number, stream: TtyStream = process.stderr): CaseProgress {
  if (!stream.isTTY || total === 0) return NO_CASE_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'batch [{bar}] {value}/{total} cases | {eta_formatted} left | {last}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { last: '' });
  return {
    caseDone: (caseId) => bar.increment(1, { last: caseId.slice(0, 40) }),
    stop: () => bar.stop(),
  };
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/**
 * A byte bar for reading one large input (`analyze` on a multi-GB trace): MiB done / total, rate and ETA.
 * Silent when `stream` (default stderr) is not a terminal.
 */
export function createByteProgress(
  totalBytes: number,
  opts: { stream?: TtyStream; label?: string } = {},
): ByteProgress {
  const stream = opts.stream ?? process.stderr;
  if (!stream.isTTY || totalBytes <= 0) {
    return { update: () => undefined, increment: () => undefined, stop: () => undefined };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${opts.label ?? 'reading'} [{bar}] {percentage}% | {doneMiB}/{totalMiB} MiB | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const totalMiB = mib(totalBytes);
  let done = 0;
  bar.start(totalBytes, 0, { doneMiB: '0.0', totalMiB });
  return {
    update: (bytesDone) => {
      done = Math.min(bytesDone, totalBytes);
      bar.update(done, { doneMiB: mib(done), totalMiB });
    },
    increment: (bytes) => {
      done = Math.min(done + bytes, totalBytes);
      bar.update(done, { doneMiB: mib(done), totalMiB });
    },
    stop: () => bar.stop(),
  };
}
