import { vi } from 'vitest';

/**
 * Captures what is written to a standard stream while a CLI runs in this process. Like a real
 * stream, each write calls its callback once the chunk is taken.
 */
export function capture(stream: NodeJS.WriteStream): { text: () => string; restore: () => void } {
  let text = '';
  const spy = vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += String(chunk);
    const callback = rest.find((arg): arg is (error?: Error | null) => void => typeof arg === 'function');
    if (callback !== undefined) queueMicrotask(() => callback());
    return true;
  }));
  return { text: () => text, restore: () => spy.mockRestore() };
}
