/** A login that PSC completed but that we refuse (wrong acr, bad state…): sent back to the login page. */
export class LoginRefused extends Error {
  constructor(
    readonly code: 'acr' | 'state' | 'idp',
    message: string,
  ) {
    super(message);
  }
}
