/**
 * Keeping the keyboard focus while rows are redrawn (a frame can come four times a second):
 * focusable elements carry `data-focus-key`, and the element that had the focus gives it to its
 * successor with the same key.
 */

/** The attribute that names a focusable element across redraws. */
export const FOCUS_KEY = 'data-focus-key';

/**
 * Replaces `container`'s children with `children`; when the focus was on one of them, it moves
 * to the new element with the same focus key.
 *
 * @example
 * replaceKeepingFocus(tbody, rows);
 */
export function replaceKeepingFocus(container: Element, children: readonly Node[]): void {
  const focused = document.activeElement;
  const key = focused !== null && container.contains(focused) ? focused.getAttribute(FOCUS_KEY) : null;
  container.replaceChildren(...children);
  if (key !== null) container.querySelector<HTMLElement>(`[${FOCUS_KEY}="${CSS.escape(key)}"]`)?.focus();
}

/**
 * Gives the focus back to `element`, or to its successor (same focus key) when it was redrawn
 * away meanwhile.
 *
 * @example
 * dialog.addEventListener('close', () => restoreFocus(opener));
 */
export function restoreFocus(element: HTMLElement): void {
  const key = element.getAttribute(FOCUS_KEY);
  const target = element.isConnected || key === null ? element : document.querySelector<HTMLElement>(`[${FOCUS_KEY}="${CSS.escape(key)}"]`);
  target?.focus();
}
