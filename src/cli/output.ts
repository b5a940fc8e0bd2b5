import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { fileProblem } from './file-problem.js';
import { ReaderGone } from './reader-gone.js';
import { UsageError } from './usage-error.js';

/** Errors that say the reading end of a pipe is closed. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ECONNRESET']);

/**
 * Writes text to a stream in large chunks and respects back-pressure, so a million snapshot
 * lines neither pile up in memory nor cost a syscall each. A failed write never crashes the
 * process: the next `write`, `flush` or `close` throws `ReaderGone` when the reader went away
 * (a closed pipe), or a one-line `UsageError` naming the output ("cannot write day.jsonl: no
 * space left on device"). A best-effort output (stderr) drops its text instead.
 *
 * @example
 * const out = BufferedOutput.stdout();
 * await out.write('{"id":"c1"}\n');
 * await out.close();
 */
export class BufferedOutput {
  private buffer = '';
  private fault: NodeJS.ErrnoException | undefined;
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly onError = (error: NodeJS.ErrnoException) => {
    this.fault ??= error;
  };

  constructor(
    private readonly stream: Writable,
    /** How messages name the output: `stdout`, or the file's path. */
    readonly label: string,
    private readonly options: { readonly bestEffort?: boolean; readonly highWater?: number } = {},
  ) {
    stream.on('error', this.onError);
  }

  /** The process's standard output. */
  static stdout(): BufferedOutput {
    return new BufferedOutput(process.stdout, 'stdout');
  }

  /** The process's standard error: best effort, since there is nowhere left to report its failure. */
  static stderr(): BufferedOutput {
    return new BufferedOutput(process.stderr, 'stderr', { bestEffort: true });
  }

  /**
   * A buffered writer to `path` (created or truncated), or to stdout when there is none. A file
   * that cannot be opened is a usage error, reported before any work starts.
   */
  static async open(path: string | undefined): Promise<BufferedOutput> {
    if (path === undefined) return BufferedOutput.stdout();
    try {
      return new BufferedOutput((await open(path, 'w')).createWriteStream(), path);
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${fileProblem(error, 'write')}`);
    }
  }

  async write(text: string): Promise<void> {
    this.check();
    if (this.fault !== undefined) return; // a best-effort output that failed drops its text
    this.buffer += text;
    if (this.buffer.length >= (this.options.highWater ?? 1 << 16)) await this.flush();
  }

  async flush(): Promise<void> {
    this.check();
    if (this.fault !== undefined) this.buffer = '';
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    let written = () => {};
    this.lastWrite = new Promise((resolve) => (written = resolve));
    const ready = this.stream.write(chunk, (error) => {
      if (error) this.onError(error);
      written();
    });
    if (!ready) await this.whenWritable();
    this.check();
  }

  /**
   * Flushes and waits until the last write is done, so that its failure is reported here; ends
   * the stream unless it is stdout or stderr.
   */
  async close(): Promise<void> {
    const standard = this.stream === process.stdout || this.stream === process.stderr;
    try {
      await this.flush();
      await this.lastWrite;
      if (!standard && this.fault === undefined) {
        this.stream.end();
        await this.whenFinished();
      }
      this.check();
    } finally {
      // A file keeps its listener: a failed stream may still report while it closes.
      if (standard) this.stream.off('error', this.onError);
      else if (this.fault !== undefined) this.stream.destroy();
    }
  }

  private check(): void {
    const fault = this.fault;
    if (fault === undefined || this.options.bestEffort) return;
    if (READER_GONE.has(fault.code ?? '')) throw new ReaderGone(this.label);
    throw new UsageError(`cannot write ${this.label}: ${fileProblem(fault, 'write')}`);
  }

  private whenWritable(): Promise<void> {
    if (this.fault !== undefined || this.stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      this.stream.on('drain', done).on('close', done).on('error', done);
    });
  }

  private async whenFinished(): Promise<void> {
    try {
      await once(this.stream, 'finish');
    } catch (error) {
      this.onError(error as NodeJS.ErrnoException);
    }
  }
}
