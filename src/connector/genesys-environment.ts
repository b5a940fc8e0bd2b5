import { InvalidOptionError } from '../errors/invalid-option-error.js';

/** Where and as whom the connector talks to Genesys Cloud. */
export interface GenesysEnvironment {
  readonly clientId: string;
  /** The OAuth client's secret: never printed (`describeEnvironment` leaves it out). */
  readonly clientSecret: string;
  /** The Platform API's base URL, e.g. `https://api.mypurecloud.ie` (no trailing slash). */
  readonly apiUrl: string;
  /** The login service's base URL, e.g. `https://login.mypurecloud.ie` (no trailing slash). */
  readonly loginUrl: string;
}

/** The variables `genesysEnvironment` reads. */
export type GenesysVariables = Readonly<Partial<Record<
  'GENESYS_CLIENT_ID' | 'GENESYS_CLIENT_SECRET' | 'GENESYS_REGION' | 'GENESYS_API_URL' | 'GENESYS_LOGIN_URL',
  string
>>>;

/** A region is a host name such as `mypurecloud.com`, `mypurecloud.ie` or `usw2.pure.cloud`. */
const REGION = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

function baseUrl(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidOptionError(`${variable} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidOptionError(`${variable} must be an http(s) URL, not ${url.protocol}`);
  if (url.search !== '' || url.hash !== '') throw new InvalidOptionError(`${variable} must be a base URL without query or fragment`);
  return url.href.replace(/\/+$/, '');
}

/**
 * Reads the connector's credentials and endpoints from the environment: `GENESYS_CLIENT_ID` and
 * `GENESYS_CLIENT_SECRET` (an OAuth client with the client-credentials grant), and
 * `GENESYS_REGION` (`mypurecloud.com`, `mypurecloud.ie`, `usw2.pure.cloud`…), which gives the API
 * at `https://api.{region}` and the login at `https://login.{region}`; `GENESYS_API_URL` and
 * `GENESYS_LOGIN_URL` override either (tests, proxies). Throws an `InvalidOptionError` naming every
 * variable that is missing or malformed; the secret never appears in a message.
 *
 * @example
 * genesysEnvironment({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 's', GENESYS_REGION: 'mypurecloud.ie' }).apiUrl;
 * // 'https://api.mypurecloud.ie'
 */
export function genesysEnvironment(variables: GenesysVariables = process.env): GenesysEnvironment {
  const problems: string[] = [];
  const clientId = variables.GENESYS_CLIENT_ID?.trim() ?? '';
  const clientSecret = variables.GENESYS_CLIENT_SECRET ?? '';
  if (clientId === '') problems.push('GENESYS_CLIENT_ID is not set');
  if (clientSecret === '') problems.push('GENESYS_CLIENT_SECRET is not set');
  const region = variables.GENESYS_REGION?.trim().toLowerCase();
  if (region !== undefined && region !== '' && !REGION.test(region)) problems.push(`GENESYS_REGION is not a region such as mypurecloud.com: ${JSON.stringify(region)}`);
  const validRegion = region !== undefined && REGION.test(region) ? region : undefined;
  const urls: Record<'apiUrl' | 'loginUrl', string | undefined> = { apiUrl: undefined, loginUrl: undefined };
  for (const [key, variable, host] of [['apiUrl', 'GENESYS_API_URL', 'api'], ['loginUrl', 'GENESYS_LOGIN_URL', 'login']] as const) {
    const override = variables[variable]?.trim();
    try {
      if (override !== undefined && override !== '') urls[key] = baseUrl(variable, override);
      else if (validRegion !== undefined) urls[key] = `https://${host}.${validRegion}`;
      else if (region === undefined || region === '') problems.push(`${variable} or GENESYS_REGION must be set`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new InvalidOptionError(`Genesys Cloud connection: ${problems.join('; ')}`);
  return { clientId, clientSecret, apiUrl: urls.apiUrl!, loginUrl: urls.loginUrl! };
}
