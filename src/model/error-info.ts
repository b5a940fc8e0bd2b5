/** "If the conversation ends in error, contains additional error details." */
export interface ErrorInfo {
  message?: string;
  code?: string;
}
