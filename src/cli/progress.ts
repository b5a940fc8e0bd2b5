import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr while a log is read, only when stderr is a terminal; a no-op
 * otherwise, so pipes and CI logs stay clean.
 *
 * @example
 * const progress = startProgress(sizeBytes);
 * await replayLog(file, { onProgress: progress.update });
 * progress.stop();
 */
export function startProgress(totalBytes: number | undefined): { update: (bytes: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: totalBytes === undefined ? 'reading {mib} MiB' : 'reading [{bar}] {percentage}% {mib}/{totalMib} MiB eta {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
  bar.start(totalBytes ?? 1, 0, { mib: '0.0', totalMib: mib(totalBytes ?? 0) });
  return {
    update: (bytes) => bar.update(totalBytes === undefined ? 0 : Math.min(bytes, totalBytes), { mib: mib(bytes) }),
    stop: () => bar.stop(),
  };
}
