import { compactObject, putOwn } from '../core/compact-copy.js';
/**
 * The most work one event may ask for. Every input is read once, into a private copy, within
 * these limits; an input beyond one is rejected (`invalid-event`) with the field at fault. They
 * apply to the whole event, unknown fields included.
 */
export const EVENT_LIMITS = Object.freeze({
  /** Items of one array. */
  maxArrayItems: 1_000,
  /** Keys of one object. */
  maxObjectKeys: 1_000,
  /** Characters (UTF-16 code units) of one string or key. */
  maxStringLength: 65_536,
  /** Levels of objects and arrays below the event object. */
  maxDepth: 16,
  /** Values in the whole event: objects, arrays, strings, numbers… at every depth. */
  maxValues: 10_000,
  /** Issues listed for one invalid event; the rest are counted. */
  maxIssues: 10,
});

/** The longest key of a field path shown in a message; longer keys are cut. */
const MAX_KEY_IN_MESSAGES = 40;

/** The longest text of a caller's error quoted in a message. */
const MAX_ERROR_TEXT = 200;

/**
 * Dotted path of a field for messages (`attributes.tier`, `callbackNumbers.3`), each key cut to
 * 40 characters.
 *
 * @example
 * fieldPath(['wrapup', 'code']); // 'wrapup.code'
 */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key) => {
      const text = String(key);
      return text.length > MAX_KEY_IN_MESSAGES ? `${text.slice(0, MAX_KEY_IN_MESSAGES)}…` : text;
    })
    .join('.');
}

/** Why an input could not be read as plain data, and where. */
export class InputProblem {
  /** Every problem made here: a caller's thrown value is told apart without touching it (`instanceof` could run its traps). */
  static readonly #made = new WeakSet<object>();

  /** Keys from the event down to the value at fault; filled in as the copy unwinds. */
  readonly path: PropertyKey[] = [];

  constructor(
    /** What is wrong, said of the value at `path` (`has 400000 items; …`). */
    readonly reason: string,
    /** The problem is the event's as a whole, wherever it was found. */
    readonly wholeEvent = false,
  ) {
    InputProblem.#made.add(this);
  }

  /** Whether a thrown value is a problem made here, without reading it. */
  static isOne(thrown: unknown): thrown is InputProblem {
    return typeof thrown === 'object' && thrown !== null && InputProblem.#made.has(thrown);
  }

  /** The dotted field, `''` for the whole event. */
  get field(): string {
    return this.wholeEvent ? '' : fieldPath(this.path);
  }

  /** A sentence naming the field. */
  get message(): string {
    return `${this.field || 'the event'} ${this.reason}`;
  }
}

/** A caller's error as text; reading it may throw too. */
function errorText(error: unknown): string {
  try {
    const text = String(error instanceof Error ? error.message : error);
    return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
  } catch {
    return 'an error that cannot be read';
  }
}

/** A throw while reading the value at `key`, as a problem of that field. */
function atKey(key: PropertyKey, error: unknown): InputProblem {
  const problem = InputProblem.isOne(error) ? error : new InputProblem(`could not be read: ${errorText(error)}`);
  if (!problem.wholeEvent) problem.path.unshift(key);
  return problem;
}

/** What a non-plain object is, for a message (`a Date`, `an object of a class`). */
function kindOf(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  return tag === 'Object' ? 'an object of a class' : `a ${tag}`;
}

const JSON_ONLY = 'only JSON data is accepted (strings, numbers, booleans, null, arrays, plain objects)';

/** The reading of one input: the values left in its budget, and whether it is copied. */
interface Reading {
  values: number;
  /** False when the caller owns the input: it is checked where it is. */
  readonly copying: boolean;
}

/** Reads one value found `depth` levels below the event; throws an {@link InputProblem}, or whatever reading it threw. */
function readValue(value: unknown, depth: number, reading: Reading): unknown {
  if (--reading.values < 0) throw new InputProblem(`holds more than ${EVENT_LIMITS.maxValues} values (objects, arrays, strings, numbers… at every depth)`, true);
  if (typeof value === 'string') {
    if (value.length > EVENT_LIMITS.maxStringLength) throw new InputProblem(`is ${value.length} characters long; at most ${EVENT_LIMITS.maxStringLength} are accepted`);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth > EVENT_LIMITS.maxDepth) throw new InputProblem(`is nested more than ${EVENT_LIMITS.maxDepth} levels deep`);
  if (Array.isArray(value)) return readArray(value, depth, reading);
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new InputProblem(`is ${kindOf(value)}; ${JSON_ONLY}`);
  return readObject(value as Record<string, unknown>, depth, reading);
}

function readArray(source: readonly unknown[], depth: number, reading: Reading): readonly unknown[] {
  const length = source.length;
  if (length > EVENT_LIMITS.maxArrayItems) throw new InputProblem(`has ${length} items; at most ${EVENT_LIMITS.maxArrayItems} are accepted`);
  // Stryker disable next-line ArrayDeclaration: the loop below writes every index; the length only spares growing the array
  const copy = reading.copying ? new Array<unknown>(length) : undefined;
  for (let i = 0; i < length; i++) {
    let item: unknown;
    try {
      item = readValue(source[i], depth + 1, reading);
    } catch (error) {
      throw atKey(i, error);
    }
    if (copy !== undefined) copy[i] = item;
  }
  return copy ?? source;
}

function readObject(source: Record<string, unknown>, depth: number, reading: Reading): Record<string, unknown> {
  const keys = Object.keys(source);
  if (keys.length > EVENT_LIMITS.maxObjectKeys) throw new InputProblem(`has ${keys.length} keys; at most ${EVENT_LIMITS.maxObjectKeys} are accepted`);
  let copy: Record<string, unknown> | undefined;
  if (reading.copying) {
    // The event itself is kept as it is copied when the schema accepts it unchanged: all its properties inside it.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: either copy holds the same (memory only)
    copy = depth === 0 ? compactObject(keys.length) : {};
  }
  for (const key of keys) {
    if (key.length > EVENT_LIMITS.maxStringLength) throw new InputProblem(`has a key ${key.length} characters long; at most ${EVENT_LIMITS.maxStringLength} are accepted`);
    let item: unknown;
    try {
      item = readValue(source[key], depth + 1, reading);
    } catch (error) {
      throw atKey(key, error);
    }
    if (copy !== undefined) putOwn(copy, key, item);
  }
  return copy ?? source;
}

/**
 * Reads an untrusted value once into a private copy of plain data (what `JSON.parse` makes),
 * within {@link EVENT_LIMITS}, or says why it cannot: a getter or Proxy trap that throws, a
 * revoked Proxy, an object that is not plain data (a `Date`, a class instance), an array, object,
 * string or nesting beyond the limits. Never throws; never keeps a reference to the input.
 *
 * `owned`: the caller owns the input, plain data that nobody else holds (what `JSON.parse` has
 * just made for it); it is checked within the limits where it is, and comes back itself.
 *
 * @example
 * const copy = readPlainInput(input);
 * if (InputProblem.isOne(copy)) console.error(copy.field, copy.message); // 'id', 'id could not be read: boom'
 * readPlainInput(JSON.parse(line), true); // the parsed value itself, or the problem
 */
export function readPlainInput(input: unknown, owned = false): unknown {
  try {
    return readValue(input, 0, { values: EVENT_LIMITS.maxValues, copying: !owned });
  } catch (error) {
    return InputProblem.isOne(error) ? error : new InputProblem(`could not be read: ${errorText(error)}`);
  }
}
