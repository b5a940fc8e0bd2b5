/** The journey customer; both fields are required by Genesys. */
export interface JourneyCustomer {
  id: string;
  /** The type of the customer id (e.g. cookie). */
  idType: string;
}

export interface JourneyCustomerSession {
  id: string;
  /** The session type (e.g. web, app). */
  type: string;
}

export interface JourneyActionMap {
  id: string;
  version: number;
}

export interface JourneyAction {
  id: string;
  actionMap: JourneyActionMap;
}

/** Journey System data/context that applies to this communication. */
export interface JourneyContext {
  customer: JourneyCustomer;
  customerSession?: JourneyCustomerSession;
  triggeringAction?: JourneyAction;
}
