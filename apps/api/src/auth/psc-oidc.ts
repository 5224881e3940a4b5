import * as oidc from 'openid-client';
import { Strategy, type StrategyOptions, type VerifyFunction } from 'openid-client/passport';
import type { Request } from 'express';
import type { AppConfig } from '../config.js';

/**
 * PSC's metadata, from the configured well-known URL: PSC serves it at the non-standard
 * `…/.well-known/wallet-openid-configuration`, with the authorization endpoint on another host
 * (reference/psc-oidc.md §1.1). Plain http is accepted only outside production (the local stand-in).
 */
export async function discoverPsc(config: AppConfig): Promise<oidc.Configuration> {
  const options = config.production ? undefined : { execute: [oidc.allowInsecureRequests] };
  const discovered = await oidc.discovery(
    new URL(config.psc.discoveryUrl),
    config.psc.clientId,
    config.psc.clientSecret,
    oidc.ClientSecretBasic(config.psc.clientSecret),
    options,
  );
  // openid-client does not compare the issuer with a non-standard well-known URL: we do (psc-oidc.md §3.2).
  const issuer = discovered.serverMetadata().issuer;
  if (!config.psc.discoveryUrl.startsWith(`${issuer}/.well-known/`)) {
    throw new Error(`PSC discovery: issuer ${issuer} does not match ${config.psc.discoveryUrl}`);
  }
  return discovered;
}

export type PscAuthenticateOptions = { loginHint?: string };

/**
 * openid-client's passport strategy sends PKCE S256 but adds `state` and `nonce` only when PKCE is not
 * supported; PSC expects all three, plus `acr_values=eidas1` (psc-oidc.md §1.3). Both are stored in the
 * session by the strategy and checked on the callback.
 */
export class PscOidcStrategy extends Strategy {
  private readonly acrValues: string;

  constructor(options: StrategyOptions & { acrValues: string[] }, verify: VerifyFunction) {
    super(options, verify);
    this.acrValues = options.acrValues.join(' ');
  }

  override authorizationRequestParams(req: Request, options: PscAuthenticateOptions & object): URLSearchParams {
    const params = super.authorizationRequestParams(req, options) as URLSearchParams;
    params.set('acr_values', this.acrValues);
    params.set('state', oidc.randomState());
    params.set('nonce', oidc.randomNonce());
    return params;
  }
}
