/**
 * An enum that stays open to values Genesys adds later: the known values autocomplete,
 * and any other string is still accepted (the SDKs map such values to `outdated_sdk_version`;
 * we keep them as sent).
 *
 * @example
 * const state: OpenEnum<'alerting' | 'connected'> = 'transmitting'; // accepted
 */
export type OpenEnum<Known extends string> = Known | (string & {});
