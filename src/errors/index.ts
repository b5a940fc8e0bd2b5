export { ERROR_CODES, type ErrorCode } from './error-code.js';
export { ParticipantTrackerError } from './participant-tracker-error.js';
export { InvalidInstantError } from './invalid-instant-error.js';
export { InvalidOptionError } from './invalid-option-error.js';
export { HeapExhaustedError } from './heap-exhausted-error.js';
export { ArrivalNumberError } from './arrival-number-error.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
export { ScaleError, type ScaleErrorCode } from './scale-error.js';
