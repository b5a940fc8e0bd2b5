import { isUtf8 } from 'node:buffer';
import { encodingProblem } from './encoding-problem.js';
import { JsonLines, type LinePiece } from './json-lines.js';
import { JsonValueScanner, type ScannedPiece } from './json-value-scanner.js';

/** Why a line (or value) of the input could not become a value. */
export type LineFault = 'not-json' | 'invalid-utf8' | 'line-too-long';

/** What the reader hands over for each line or value: parsed, or with the fault that stops it. */
export type LogLine =
  | { readonly kind: 'value'; readonly line: number; readonly value: unknown }
  | { readonly kind: 'fault'; readonly line: number; readonly fault: LineFault; readonly message: string };

/**
 * How values are laid out, when the input is not one JSON array (whose elements are the values):
 * - `lines`: JSON Lines, one value per line (an event log); an array's elements are numbered;
 * - `values`: values one after another, one per line or pretty-printed over several, top-level
 *   arrays among them (payloads as captured); every value is numbered by the line it starts on.
 */
export type JsonLayout = 'lines' | 'values';

export interface JsonLogReaderOptions {
  readonly layout: JsonLayout;
  /** Longest line or value accepted, in bytes. Longer ones are reported and skipped. */
  readonly maxValueBytes: number;
}

const MISPLACED_BOM =
  'the line starts with a byte-order mark (U+FEFF), which only the start of a file may have: were files saved with one joined together? Remove it (e.g. sed -i "s/^\\xEF\\xBB\\xBF//")';

/** Leading whitespace kept while the layout is unknown; past it, the input is taken as not an array. */
const UNDECIDED_BYTES_CAP = 1 << 20;

const isInvisible = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf;

/** The first byte that is not whitespace or part of a byte-order mark, or -1. */
function firstSignificantByte(chunk: Uint8Array): number {
  for (let i = 0; i < chunk.length; i++) if (!isInvisible(chunk[i]!)) return chunk[i]!;
  return -1;
}

/**
 * Reads JSON input chunk by chunk, synchronously, and hands over each value parsed, or the
 * fault that stops it, with its line (or element) number: JSON Lines, a JSON array streamed
 * element by element, or values one after another (see {@link JsonLayout}). UTF-16 and UTF-32
 * input is named as such, invalid UTF-8 and overlong values cost only themselves, and memory is
 * bounded by the largest value. Both the event-log reader and the Genesys payload reader are
 * this reader, driven from a stream.
 *
 * @example
 * const reader = new JsonLogReader({ layout: 'lines', maxValueBytes: 1 << 20 }, (item) => console.log(item));
 * reader.push(Buffer.from('{"id":"e1"}\nnot json\n'));
 * reader.end(); // value line 1, then a not-json fault at line 2
 */
export class JsonLogReader {
  /** Values and faults handed over. */
  items = 0;
  /** The receiver asked to stop, or the input cannot be read (its encoding). */
  stopped = false;
  private mode: 'undecided' | 'lines' | 'scan' = 'undecided';
  private undecided: Buffer[] = [];
  private undecidedBytes = 0;
  private first = true;
  private readonly lines: JsonLines;
  private readonly scanner: JsonValueScanner;
  /** In `lines` layout, an array's elements are numbered, not placed by line. */
  private numberElements = false;

  constructor(
    private readonly options: JsonLogReaderOptions,
    private readonly visit: (item: LogLine) => boolean | void,
  ) {
    this.lines = new JsonLines(options.maxValueBytes, (piece) => this.fromLine(piece));
    this.scanner = new JsonValueScanner(options.maxValueBytes, (piece) => this.fromScan(piece));
  }

  /** Blank lines skipped (JSON Lines). */
  get blankLines(): number {
    return this.lines.blankLines;
  }

  /** Reads the next chunk; returns `false` once reading should stop. */
  push(chunk: Buffer): boolean {
    if (this.stopped) return false;
    if (this.first) {
      this.first = false;
      const problem = encodingProblem(chunk);
      if (problem !== undefined) {
        this.emit({ kind: 'fault', line: 1, fault: 'invalid-utf8', message: problem });
        this.stopped = true;
        return false;
      }
    }
    if (this.mode === 'undecided') {
      const first = firstSignificantByte(chunk);
      this.undecided.push(chunk);
      this.undecidedBytes += chunk.length;
      if (first === -1 && this.undecidedBytes <= UNDECIDED_BYTES_CAP) return true;
      this.decide(first);
      const held = Buffer.concat(this.undecided);
      this.undecided = [];
      return this.feed(held);
    }
    return this.feed(chunk);
  }

  /** The input has ended: a last line without its newline, an open value or array is reported. */
  end(): void {
    if (this.stopped) return;
    if (this.mode === 'undecided') {
      this.decide(-1);
      this.feed(Buffer.concat(this.undecided));
    }
    if (this.mode === 'lines') this.lines.end();
    else this.scanner.end();
  }

  private decide(first: number): void {
    const array = first === 0x5b;
    this.numberElements = array && this.options.layout === 'lines';
    this.mode = this.options.layout === 'lines' && !array ? 'lines' : 'scan';
  }

  private feed(chunk: Buffer): boolean {
    const go = this.mode === 'lines' ? this.lines.feed(chunk) : this.scanner.feed(chunk);
    return go && !this.stopped;
  }

  private fromLine(piece: LinePiece): boolean {
    const { line } = piece;
    if (piece.kind === 'too-long') return this.fault(line, 'line-too-long', `the line is longer than ${this.options.maxValueBytes} bytes; it was skipped`);
    if (piece.kind === 'invalid-utf8') return this.fault(line, 'invalid-utf8', 'the line is not valid UTF-8');
    const text = line === 1 && piece.text.charCodeAt(0) === 0xfeff ? piece.text.slice(1) : piece.text;
    try {
      return this.emit({ kind: 'value', line, value: JSON.parse(text) });
    } catch (error) {
      const why = (error as Error).message;
      if (text.charCodeAt(0) === 0xfeff) return this.fault(line, 'not-json', MISPLACED_BOM);
      return this.fault(line, 'not-json', piece.last ? `truncated last line (no newline at the end, and not complete JSON): ${why}` : `not JSON: ${why}`);
    }
  }

  private fromScan(piece: ScannedPiece): boolean {
    const line = this.numberElements ? piece.index : piece.line;
    const what = this.numberElements ? `element ${piece.index}` : 'the value';
    if (piece.kind === 'not-json') return this.fault(line, 'not-json', piece.message);
    if (piece.kind === 'too-long') return this.fault(line, 'line-too-long', `${what} is longer than ${this.options.maxValueBytes} bytes; it was skipped`);
    if (!isUtf8(piece.bytes)) return this.fault(line, 'invalid-utf8', `${what} is not valid UTF-8`);
    const text = piece.bytes.toString('utf8');
    try {
      return this.emit({ kind: 'value', line, value: JSON.parse(text) });
    } catch (error) {
      const opensContainer = text.charCodeAt(0) === 0x7b || text.charCodeAt(0) === 0x5b;
      const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
      return this.fault(line, 'not-json', opensContainer ? `${what} is not JSON: ${(error as Error).message}` : `not JSON: ${JSON.stringify(shown.trim())}`);
    }
  }

  private fault(line: number, fault: LineFault, message: string): boolean {
    return this.emit({ kind: 'fault', line, fault, message });
  }

  private emit(item: LogLine): boolean {
    this.items++;
    if (this.visit(item) === false) this.stopped = true;
    return !this.stopped;
  }
}
