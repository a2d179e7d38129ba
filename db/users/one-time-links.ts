import 'server-only';
import { getDb } from '../client';
import { completeSetup, hasUsers, isTokenValid, setPasswordWithToken } from './setup';

// What the setup and set-password pages ask of the data layer. The one-time token in the link is
// the authorization (no one is signed in yet), checked by the functions in ./setup; these only
// bind them to the app's database, so pages never reach for a connection themselves.

type SetupInput = Parameters<typeof completeSetup>[1];
type NewPasswordInput = Parameters<typeof setPasswordWithToken>[1];

/** True once the site has any staff account: setup is over. */
export async function siteHasStaff(): Promise<boolean> {
  return hasUsers(getDb());
}

export async function isSetupLinkValid(token: string): Promise<boolean> {
  return isTokenValid(getDb(), token, ['setup']);
}

export async function isPasswordLinkValid(token: string): Promise<boolean> {
  return isTokenValid(getDb(), token, ['invite', 'reset']);
}

/** Creates the first admin from the setup link. */
export async function setUpFirstAdmin(input: SetupInput, ip: string | null): Promise<void> {
  await completeSetup(getDb(), input, ip);
}

/** Sets a password from an invitation or reset link. */
export async function choosePasswordFromLink(
  input: NewPasswordInput,
  ip: string | null,
): Promise<void> {
  await setPasswordWithToken(getDb(), input, ip);
}
