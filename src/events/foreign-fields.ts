import type { MediaType } from '../model/enums.js';
import { CALLBACK_ONLY_FIELDS, CHAT_ONLY_FIELDS } from './schemas.js';

/**
 * The fields of an event that belong to the other media (a `roomId` sent to a callback
 * participant, a `callbackNumbers` sent to a chat one).
 *
 * @example
 * foreignFields({ roomId: 'r1' }, 'callback'); // ['roomId']
 */
export function foreignFields(event: object, media: MediaType): string[] {
  const other: readonly string[] = media === 'chat' ? CALLBACK_ONLY_FIELDS : CHAT_ONLY_FIELDS;
  return other.filter((field) => (event as Record<string, unknown>)[field] !== undefined);
}
