import { pick } from './distributions.js';
import type { Random } from './random.js';

const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Diego', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena',
  'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Yara',
  'Zoe', 'Aiko', 'Bruno', 'Carmen', 'Dmitri', 'Elif', 'Felix', 'Hana', 'Ivan', 'Julia', 'Lars', 'Maya',
] as const;

const LAST_NAMES = [
  'Adams', 'Baker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen',
  'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Tanaka',
  'Usman', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zhang', 'Berg', 'Novak', 'Sato', 'Kim',
] as const;

/** A person's name, split as Genesys web chat attributes carry it. */
export interface PersonName {
  readonly firstName: string;
  readonly lastName: string;
  readonly fullName: string;
}

/**
 * A random person's name.
 *
 * @example
 * personName(createRandom(1)).fullName; // e.g. 'Nora Tanaka'
 */
export function personName(random: Random): PersonName {
  const firstName = pick(random, FIRST_NAMES);
  const lastName = pick(random, LAST_NAMES);
  return { firstName, lastName, fullName: `${firstName} ${lastName}` };
}

/**
 * A phone number in E.164 form, from the North American 555-01xx range reserved for fiction.
 *
 * @example
 * phoneNumber(createRandom(1)); // e.g. '+13175550142'
 */
export function phoneNumber(random: Random): string {
  const area = pick(random, ['212', '312', '317', '415', '617', '702', '919'] as const);
  return `+1${area}55501${String(random.below(100)).padStart(2, '0')}`;
}

/**
 * An e-mail address for a name, at a domain reserved for examples.
 *
 * @example
 * emailAddress({ firstName: 'Nora', lastName: 'Tanaka', fullName: 'Nora Tanaka' }); // 'nora.tanaka@example.com'
 */
export function emailAddress(name: PersonName): string {
  return `${name.firstName}.${name.lastName}@example.com`.toLowerCase();
}
