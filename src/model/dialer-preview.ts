/** A column of a dialer contact list that holds a phone number. */
export interface PhoneNumberColumn {
  columnName?: string;
  type?: string;
  callableTimeColumnName?: string;
}

/** The outbound preview associated with a callback. */
export interface DialerPreview {
  id?: string;
  contactId?: string;
  contactListId?: string;
  campaignId?: string;
  phoneNumberColumns?: PhoneNumberColumn[];
  callbackAutoAnswer?: boolean;
}
