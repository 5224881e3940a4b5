import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { UsersService } from '../users/users.service.js';
import { discoverPsc } from './psc-oidc.js';
import { PscStrategy } from './psc.strategy.js';

/**
 * PSC's metadata is discovered at the first login, not at start-up: the API (health, FHIR, machines) must
 * run while PSC is unreachable, and a failed discovery is retried at the next login.
 */
@Injectable()
export class PscService {
  private readonly logger = new Logger(PscService.name);
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async configuration(): Promise<oidc.Configuration> {
    this.discovered ??= discoverPsc(this.config).then((configuration) => {
      new PscStrategy(configuration, this.config, this.users); // registers itself with passport
      return configuration;
    });
    try {
      return await this.discovered;
    } catch (error) {
      this.discovered = undefined;
      this.logger.error(`Pro Santé Connect discovery failed: ${(error as Error).message}`);
      throw new ServiceUnavailableException('Pro Santé Connect est injoignable, réessayez dans un instant');
    }
  }

  /** PSC's end-session URL (id_token_hint required by Keycloak ≥ 18, psc-oidc.md §1.8), or null without one. */
  async endSessionUrl(idToken: string | undefined): Promise<string | null> {
    if (!idToken) return null;
    const configuration = await this.configuration();
    return oidc
      .buildEndSessionUrl(configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${this.config.publicUrl}/`,
      })
      .toString();
  }
}
