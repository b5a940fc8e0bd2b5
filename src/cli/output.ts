import type { WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fileProblem } from './file-problem.js';
import { UsageError } from './usage-error.js';

/**
 * Writes text to a stream in large chunks and respects back-pressure, so a million snapshot
 * lines neither pile up in memory nor cost a syscall each.
 *
 * @example
 * const out = new BufferedOutput(process.stdout);
 * await out.write('{"id":"c1"}\n');
 * await out.close();
 */
export class BufferedOutput {
  private buffer = '';

  constructor(private readonly stream: Writable, private readonly highWater = 1 << 16) {}

  /**
   * A buffered writer to `path` (created or truncated), or to stdout when there is none. A file
   * that cannot be opened is a usage error, reported before any work starts.
   */
  static async open(path: string | undefined): Promise<BufferedOutput> {
    if (path === undefined) return new BufferedOutput(process.stdout);
    try {
      return new BufferedOutput((await open(path, 'w')).createWriteStream());
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${fileProblem(error, 'write')}`);
    }
  }

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= this.highWater) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes, and ends the stream unless it is stdout or stderr. */
  async close(): Promise<void> {
    await this.flush();
    if (this.stream !== process.stdout && this.stream !== process.stderr) {
      const file = this.stream as WriteStream;
      file.end();
      await once(file, 'finish');
    }
  }
}
