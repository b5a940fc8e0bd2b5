import type { UploadStatus } from './enums.js';

/** The voicemail associated with a callback. */
export interface Voicemail {
  id?: string;
  uploadStatus?: UploadStatus;
}
