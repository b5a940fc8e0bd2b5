/** What the scanner hands over: one element's bytes, or why the array cannot be read further. */
export type ArrayPiece =
  | { readonly kind: 'element'; readonly index: number; readonly bytes: Buffer }
  | { readonly kind: 'too-long'; readonly index: number }
  | { readonly kind: 'broken'; readonly index: number; readonly message: string };

const enum State { Before, Open, Element, After, Comma, Closed, Broken }

const NEWLINE = 0x0a;
/** Whitespace, and the bytes of a byte-order mark (EF BB BF): invisible between elements, they are skipped there. */
const isSpace = (b: number) => b === 0x20 || b === NEWLINE || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf;
/** The first bytes a JSON value can start with: `{`, `[`, `"`, `-`, a digit, `t`, `f`, `n`. */
const startsValue = (b: number) =>
  b === 0x7b || b === 0x5b || b === 0x22 || b === 0x2d || (b >= 0x30 && b <= 0x39) || b === 0x74 || b === 0x66 || b === 0x6e;
const shown = (b: number) => (b >= 0x20 && b < 0x7f ? `"${String.fromCharCode(b)}"` : `byte 0x${b.toString(16).padStart(2, '0')}`);

/**
 * Finds the elements of one JSON array as its bytes arrive, without parsing them, so an array
 * log streams like JSONL: memory is bounded by the largest element, each complete element is
 * handed over as soon as it ends, and an array cut off in the middle keeps every element before
 * the cut. Strings (with escapes) and nesting are followed; each element's own JSON is checked
 * by whoever parses its bytes.
 *
 * @example
 * const scanner = new JsonArrayElements(1 << 20, (piece) => console.log(piece));
 * scanner.feed(Buffer.from('[{"id":"e1"},{"id":'));
 * scanner.end(); // element 1, then: broken: the JSON array is cut off … element 2 … is incomplete
 */
export class JsonArrayElements {
  private state = State.Before;
  private index = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overLong = false;
  private offset = 0;
  private line = 1;
  private elementByte = 0;
  private elementLine = 1;

  constructor(
    private readonly maxElementBytes: number,
    /** Receives each piece; returns `false` to stop. */
    private readonly onPiece: (piece: ArrayPiece) => boolean | void,
  ) {}

  /** Scans the next bytes; returns `false` once the receiver asked to stop or the array broke. */
  feed(chunk: Buffer): boolean {
    let elementStart = this.state === State.Element ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case State.Element:
          if (this.inString) {
            if (this.escaped) this.escaped = false;
            else if (b === 0x5c) this.escaped = true;
            else if (b === 0x22) {
              this.inString = false;
              if (this.depth === 0 && !this.finish(chunk, elementStart, i + 1)) return false;
            }
          } else if (this.scalar) {
            if (b === 0x2c || b === 0x5d || isSpace(b)) {
              if (!this.finish(chunk, elementStart, i)) return false;
              i--; // the byte that ended a number or literal is read again, after the element
              continue;
            }
          } else if (b === 0x22) this.inString = true;
          else if (b === 0x7b || b === 0x5b) this.depth++;
          else if ((b === 0x7d || b === 0x5d) && --this.depth === 0 && !this.finish(chunk, elementStart, i + 1)) return false;
          break;
        case State.Before:
          if (b === 0x5b) this.state = State.Open;
          break;
        case State.Open:
        case State.Comma:
          if (isSpace(b)) break;
          if (b === 0x5d && this.state === State.Open) this.state = State.Closed;
          else if (!startsValue(b)) return this.broken(`expected an element after ${this.index === 0 ? '[' : `element ${this.index} and its comma`}, found ${shown(b)}`, i);
          else {
            elementStart = i;
            this.startElement(b, i);
          }
          break;
        case State.After:
          if (isSpace(b)) break;
          if (b === 0x2c) this.state = State.Comma;
          else if (b === 0x5d) this.state = State.Closed;
          else return this.broken(`expected , or ] after element ${this.index}, found ${shown(b)}`, i);
          break;
        case State.Closed:
          if (!isSpace(b)) return this.broken(`found ${shown(b)} after the closing ] of the array`, i);
          break;
        case State.Broken:
          return false;
      }
      if (b === NEWLINE) this.line++;
    }
    if (this.state === State.Element) this.keep(chunk.subarray(Math.max(elementStart, 0)));
    this.offset += chunk.length;
    return true;
  }

  /** The input has ended: an array without its closing `]` is reported as cut off. */
  end(): void {
    const where = `at byte ${this.offset} (line ${this.line})`;
    if (this.state === State.Element) {
      this.onPiece({
        kind: 'broken', index: this.index,
        message: `the JSON array is cut off ${where}: element ${this.index}, from byte ${this.elementByte} (line ${this.elementLine}), is incomplete and there is no closing ]; the ${this.index - 1} elements before it were read`,
      });
    } else if (this.state === State.Open || this.state === State.After || this.state === State.Comma) {
      this.onPiece({
        kind: 'broken', index: this.index + 1,
        message: `the JSON array is cut off ${where}, after element ${this.index}: there is no closing ]; the ${this.index} elements before the cut were read`,
      });
    }
  }

  private startElement(b: number, at: number): void {
    this.state = State.Element;
    this.index++;
    this.depth = b === 0x7b || b === 0x5b ? 1 : 0;
    this.inString = b === 0x22;
    this.escaped = false;
    this.scalar = !this.inString && this.depth === 0;
    this.parts = [];
    this.partBytes = 0;
    this.overLong = false;
    this.elementByte = this.offset + at;
    this.elementLine = this.line;
  }

  private keep(part: Buffer): void {
    if (this.overLong) return;
    this.partBytes += part.length;
    if (this.partBytes > this.maxElementBytes) {
      this.overLong = true;
      this.parts = [];
    } else this.parts.push(part);
  }

  private finish(chunk: Buffer, start: number, end: number): boolean {
    this.keep(chunk.subarray(Math.max(start, 0), end));
    this.state = State.After;
    const piece: ArrayPiece = this.overLong
      ? { kind: 'too-long', index: this.index }
      : { kind: 'element', index: this.index, bytes: this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts) };
    this.parts = [];
    if (this.onPiece(piece) !== false) return true;
    this.state = State.Broken;
    return false;
  }

  private broken(what: string, at: number): false {
    this.state = State.Broken;
    this.onPiece({
      kind: 'broken', index: this.index + 1,
      message: `the JSON array is malformed at byte ${this.offset + at} (line ${this.line}): ${what}; the rest of the log was not read`,
    });
    return false;
  }
}
