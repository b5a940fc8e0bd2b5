import { required } from './dom.js';
import { storeToken } from './token.js';

/** The pending request for a token, shared by every call that got a 401 meanwhile. */
let pending: Promise<void> | undefined;

/**
 * Shows the token form (the service answered 401) and resolves once a token was entered and
 * stored. Calls made while the form is open share it.
 *
 * @example
 * if (response.status === 401) await askForToken();
 */
export function askForToken(): Promise<void> {
  pending ??= new Promise<void>((resolve) => {
    const dialog = required('#token-dialog', HTMLDialogElement);
    const form = required('form', HTMLFormElement, dialog);
    const input = required('input[name="token"]', HTMLInputElement, dialog);
    const keepOpen = (event: Event) => event.preventDefault();
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const token = input.value.trim();
      if (token === '') return;
      storeToken(token);
      input.value = '';
      form.removeEventListener('submit', submit);
      dialog.removeEventListener('cancel', keepOpen);
      dialog.close();
      pending = undefined;
      resolve();
    };
    form.addEventListener('submit', submit);
    dialog.addEventListener('cancel', keepOpen);
    dialog.showModal();
    input.focus();
  });
  return pending;
}
