/**
 * The API token: handed over in the URL fragment (`#token=…`, which never reaches a server log),
 * kept in sessionStorage for the tab, and removed from the address bar.
 */

const STORAGE_KEY = 'participant-tracker.token';

/**
 * Moves a `#token=…` fragment into sessionStorage and removes it from the address bar.
 *
 * @example
 * takeTokenFromFragment(); // http://127.0.0.1:8080/#token=XYZ → http://127.0.0.1:8080/
 */
export function takeTokenFromFragment(): void {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) return;
  if (token !== '') storeToken(token);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** The stored token, or `null` when there is none. */
export function readToken(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Keeps `token` for the tab's later requests. */
export function storeToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
}
