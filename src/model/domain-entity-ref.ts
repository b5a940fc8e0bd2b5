/** A reference to a Genesys entity (user, queue, team, script, external contact…). */
export interface DomainEntityRef {
  id?: string;
  name?: string;
  selfUri?: string;
}

/** A reference without a name (used inside routing data). */
export interface AddressableEntityRef {
  id?: string;
  selfUri?: string;
}
