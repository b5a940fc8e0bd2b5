/**
 * Building DOM nodes without markup: text goes in through `textContent` only, so a name, queue or
 * id from an event is always shown as text, never parsed as HTML.
 */

/** What {@link element} sets on a new element. */
export interface ElementOptions {
  readonly className?: string;
  /** Text content (untrusted text is safe here). */
  readonly text?: string;
  /** Attributes, set with `setAttribute` (values are never parsed as markup). */
  readonly attrs?: Readonly<Record<string, string>>;
}

/**
 * A new element with a class, text, attributes and children.
 *
 * @example
 * element('td', { text: participant.name ?? '', attrs: { 'data-agent': key } });
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K, options: ElementOptions = {}, ...children: readonly Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className !== undefined) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/**
 * The element `selector` finds under `root`, of the type `type`; throws when the page lacks it.
 *
 * @example
 * const select = required('#queue-select', HTMLSelectElement);
 */
export function required<T extends Element>(selector: string, type: new () => T, root: ParentNode = document): T {
  const found = root.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`the page has no ${type.name} at ${selector}`);
  return found;
}
