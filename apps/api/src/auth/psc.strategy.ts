import { PassportStrategy } from '@nestjs/passport';
import * as oidc from 'openid-client';
import type { TokenEndpointResponse, TokenEndpointResponseHelpers } from 'openid-client';
import type { AppConfig } from '../config.js';
import { pscUserInfoSchema } from '../users/psc-claims.js';
import type { UsersService } from '../users/users.service.js';
import { LoginRefused } from './login-refused.js';
import { PscOidcStrategy } from './psc-oidc.js';

/** What a successful PSC login hands to the callback route. */
export type PscLogin = { userId: string; idToken: string; acr: string };

export const PSC_STRATEGY = 'psc';

/** Registered with passport by PscService once PSC's metadata has been discovered. */
export class PscStrategy extends PassportStrategy(PscOidcStrategy, PSC_STRATEGY) {
  constructor(
    private readonly oidcConfig: oidc.Configuration,
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      config: oidcConfig,
      scope: 'openid scope_all',
      callbackURL: `${config.publicUrl}/api/auth/callback`,
      sessionKey: 'psc',
      acrValues: config.psc.acrValues,
    });
  }

  /**
   * After the code exchange (state, nonce and PKCE already checked by openid-client): refuse any acr but the
   * allowed ones, read the identity from userinfo (JSON or signed JWT alike), key the person on SubjectNameID.
   */
  async validate(tokens: TokenEndpointResponse & TokenEndpointResponseHelpers): Promise<PscLogin> {
    const claims = tokens.claims();
    if (!claims) throw new LoginRefused('idp', 'Pas de jeton d’identité');
    const acr = typeof claims.acr === 'string' ? claims.acr : '';
    if (!this.config.psc.acrValues.includes(acr)) {
      throw new LoginRefused('acr', `Niveau d’authentification ${acr || 'absent'} refusé`);
    }
    const userInfo = pscUserInfoSchema.safeParse(
      await oidc.fetchUserInfo(this.oidcConfig, tokens.access_token, claims.sub),
    );
    if (!userInfo.success) throw new LoginRefused('idp', 'Identité Pro Santé Connect incomplète');
    const user = await this.users.recordLogin(userInfo.data, acr);
    return { userId: user.id, idToken: tokens.id_token!, acr };
  }
}
