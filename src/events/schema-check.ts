import type { z } from 'zod';

/**
 * `value`, found at `holder[key]`, is checked. A check that accepts may ask for the value to be
 * replaced (`fixes`), as a schema's transform would give it; nothing is written until the whole
 * value is accepted.
 */
type Check = (value: unknown, holder: object, key: string | number, fixes: Fixes) => boolean;

/** Replacements a check asks for: holder, key and new value, three entries each. */
type Fixes = unknown[];

/** What an {@link InPlaceTransform} returns for a value it does not accept. */
export const DECLINED: unique symbol = Symbol('declined');

/**
 * A transform of the schema, done in place: what replaces the value (`value` itself when nothing
 * changes), or {@link DECLINED} when the value is not accepted.
 */
export type InPlaceTransform = (value: unknown) => NonNullable<unknown> | null;

/** A zod schema as this compiler reads it: its definition. */
interface SchemaNode {
  readonly _zod: { readonly def: Record<string, unknown> & { readonly type: string } };
}

const defOf = (schema: unknown) => (schema as SchemaNode)._zod.def;

/** A value as a JavaScript literal in generated code (strings, numbers, booleans, null). */
function literal(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return Object.is(value, -0) ? '-0' : String(value);
  throw new Error(`schema-check: a literal of type ${typeof value} is not supported`);
}

/** The checks of a definition (`.min(1)`, `.int()`…). */
const checksOf = (def: Record<string, unknown>) => ((def.checks as unknown[] | undefined) ?? []).map((check) => defOf(check) as Record<string, unknown>);

/** The condition zod's number checks put on `x`; an unknown check stops compilation. */
function numberCondition(check: Record<string, unknown>, x: string): string {
  if (check.check === 'number_format' && check.format === 'safeint') return `Number.isSafeInteger(${x})`;
  if (check.check === 'greater_than') return `${x} ${check.inclusive ? '>=' : '>'} ${literal(check.value)}`;
  throw new Error(`schema-check: the number check ${JSON.stringify(check.check)} is not supported`);
}

/** The condition zod's string checks put on `x`; an unknown check stops compilation. */
function stringCondition(check: Record<string, unknown>, x: string): string {
  if (check.check === 'min_length') return `${x}.length >= ${literal(check.minimum)}`;
  throw new Error(`schema-check: the string check ${JSON.stringify(check.check)} is not supported`);
}

/**
 * Generates code for one schema: a condition on the variable `x` (found at `holder[key]`; the
 * fixes are `f`). What is not a simple condition (objects, arrays, unions, transforms) becomes a
 * compiled check of its own, called through `c`, the constants of the generated function.
 */
class Generator {
  readonly constants: unknown[] = [];

  constructor(private readonly transforms: ReadonlyMap<unknown, InPlaceTransform>) {}

  condition(schema: unknown, x: string, holder: string, key: string): string {
    const transform = this.transforms.get(schema);
    if (transform !== undefined) return this.call(transformCheck(transform), x, holder, key);
    const def = defOf(schema);
    switch (def.type) {
      case 'string':
        return [`typeof ${x} === "string"`, ...checksOf(def).map((check) => stringCondition(check, x))].join(' && ');
      case 'number':
        return [`typeof ${x} === "number"`, `Number.isFinite(${x})`, ...checksOf(def).map((check) => numberCondition(check, x))].join(' && ');
      case 'boolean':
        return `typeof ${x} === "boolean"`;
      case 'literal':
        return `(${(def.values as unknown[]).map((value) => `${x} === ${literal(value)}`).join(' || ')})`;
      case 'enum':
        return `(${Object.values(def.entries as Record<string, unknown>).map((value) => `${x} === ${literal(value)}`).join(' || ')})`;
      case 'never':
        return 'false';
      case 'optional':
        return `(${x} === undefined || ${this.condition(def.innerType, x, holder, key)})`;
      case 'array':
        if (checksOf(def).length > 0) throw new Error('schema-check: array checks are not supported');
        return this.call(arrayCheck(compileCheck(def.element, this.transforms)), x, holder, key);
      case 'object':
        return this.call(objectCheck(def, this.transforms), x, holder, key);
      case 'union':
        return this.call(unionCheck(def, this.transforms), x, holder, key);
      default:
        throw new Error(`schema-check: the zod type ${JSON.stringify(def.type)} is not supported`);
    }
  }

  private call(check: Check, x: string, holder: string, key: string): string {
    this.constants.push(check);
    return `c[${this.constants.length - 1}](${x}, ${holder}, ${key}, f)`;
  }
}

/** A transform as a check: the replacement is asked for, not written. */
function transformCheck(transform: InPlaceTransform): Check {
  return (value, holder, key, fixes) => {
    const result = transform(value);
    if (result === DECLINED) return false;
    if (result !== value) fixes.push(holder, key, result);
    return true;
  };
}

/** Compiles any schema into a check (see {@link Generator}). */
function compileCheck(schema: unknown, transforms: ReadonlyMap<unknown, InPlaceTransform>): Check {
  const generator = new Generator(transforms);
  const body = `return ${generator.condition(schema, 'x', 'h', 'k')};`;
  return generated(`return function check(x, h, k, f) { ${body} };`, generator.constants);
}

/** A function from generated code, given its constants. The code holds only the schema's keys and literals, as JSON literals. */
function generated(source: string, constants: unknown[]): Check {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code generated from the schema, as zod's own compiler does
  const make = new Function('c', source) as (c: unknown[]) => Check;
  return make(constants);
}

function arrayCheck(element: Check): Check {
  return (items, _holder, _key, fixes) => {
    if (!Array.isArray(items)) return false;
    for (let i = 0; i < items.length; i++) if (!element(items[i], items, i, fixes)) return false;
    return true;
  };
}

/**
 * An object of known keys only, as generated code: each field of the shape read by name. A key
 * the shape does not have (zod would strip it) or a key whose schema is `never` declines (the
 * count of keys present tells), so that an accepted object is exactly the schema's output.
 */
function objectCheck(def: Record<string, unknown>, transforms: ReadonlyMap<unknown, InPlaceTransform>): Check {
  if (def.catchall !== undefined) throw new Error('schema-check: objects with a catchall are not supported');
  const generator = new Generator(transforms);
  const lines: string[] = [];
  for (const [name, field] of Object.entries(def.shape as Record<string, unknown>)) {
    const fieldDef = defOf(field);
    if (fieldDef.type === 'never' || (fieldDef.type === 'optional' && defOf(fieldDef.innerType).type === 'never')) continue;
    const key = literal(name);
    const present = `if (y !== undefined || ${key} in x) { known++; if (!(${generator.condition(field, 'y', 'x', key)})) return false; }`;
    lines.push(`y = x[${key}];`, fieldDef.type === 'optional' ? present : `${present} else return false;`);
  }
  return generated(
    `return function check(x, h, k, f) {
      if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
      let keys = 0;
      for (const name in x) keys++;
      let known = 0;
      let y;
      ${lines.join('\n      ')}
      return known === keys;
    };`,
    generator.constants,
  );
}

/** A discriminated union: the option its discriminator names, or a decline when it names none. */
function unionCheck(def: Record<string, unknown>, transforms: ReadonlyMap<unknown, InPlaceTransform>): Check {
  const discriminator = def.discriminator;
  if (typeof discriminator !== 'string') throw new Error('schema-check: only discriminated unions are supported');
  const byValue = new Map<unknown, Check>();
  for (const option of def.options as unknown[]) {
    const check = compileCheck(option, transforms);
    for (const value of new Set(discriminatorValues(defOf(option), discriminator))) {
      const earlier = byValue.get(value);
      // Options that share a value: each is tried, and what a declined one asked for is dropped.
      byValue.set(value, earlier === undefined ? check : (v, holder, key, fixes) => {
        const mark = fixes.length;
        if (earlier(v, holder, key, fixes)) return true;
        fixes.length = mark;
        return check(v, holder, key, fixes);
      });
    }
  }
  return (value, holder, key, fixes) => {
    // An option checks that it is an object (not an array) itself.
    if (typeof value !== 'object' || value === null) return false;
    const option = byValue.get((value as Record<string, unknown>)[discriminator]);
    return option !== undefined && option(value, holder, key, fixes);
  };
}

/** The values an option of a discriminated union takes at its discriminator. */
function discriminatorValues(def: Record<string, unknown>, discriminator: string): readonly unknown[] {
  if (def.type === 'union') return (def.options as unknown[]).flatMap((option) => discriminatorValues(defOf(option), discriminator));
  const field = def.type === 'object' ? (def.shape as Record<string, unknown>)[discriminator] : undefined;
  if (field === undefined || defOf(field).type !== 'literal') throw new Error(`schema-check: an option has no literal ${discriminator}`);
  return defOf(field).values as readonly unknown[];
}

/**
 * Compiles a zod schema into an in-place check of a private copy of plain data: whether the
 * schema accepts the value and gives back exactly that value (no key it would strip, no default
 * it would add), apart from its transforms, which are done in place once the whole value is
 * accepted. When it declines, the value is untouched: the schema itself is then the judge
 * (and writes the messages). The schema remains the only definition; this is its accept path,
 * generated from it as zod's own compiler generates a parser, without the copy a parse makes.
 * Only the zod types the event schema uses are known: any other stops compilation, so that a
 * schema change cannot go unchecked.
 *
 * @example
 * const accepts = compileSchemaCheck(z.object({ id: z.string().min(1) }), new Map());
 * accepts({ id: 'e1' });          // true
 * accepts({ id: 'e1', x: 1 });    // false: zod would strip x; let zod parse it
 */
export function compileSchemaCheck(schema: z.ZodType, transforms: ReadonlyMap<z.ZodType, InPlaceTransform>): (value: unknown) => boolean {
  if (transforms.has(schema)) throw new Error('schema-check: a transform of the whole value cannot be done in place');
  const check = compileCheck(schema, transforms);
  const fixes: Fixes = [];
  const root = {};
  return (value) => {
    const accepted = check(value, root, '', fixes);
    if (accepted) for (let i = 0; i < fixes.length; i += 3) (fixes[i] as Record<string | number, unknown>)[fixes[i + 1] as string] = fixes[i + 2];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: emptying an empty list changes nothing (the test spares a write)
    if (fixes.length > 0) fixes.length = 0;
    return accepted;
  };
}
