import type { MediaParticipant } from '../model/media-participant.js';

/**
 * Purposes that count as agents in contact-center metrics.
 *
 * @example
 * isAgent({ purpose: 'agent' }); // true
 */
export function isAgent(participant: MediaParticipant): boolean {
  return participant.purpose === 'agent' || participant.purpose === 'user';
}
