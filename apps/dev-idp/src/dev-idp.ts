/**
 * Local stand-in for Pro Santé Connect (reference/psc-oidc.md §2.2), for development and tests only: an
 * oidc-provider shaped like PSC's Keycloak realm (issuer path, wallet discovery URL, Keycloak endpoint paths,
 * scopes `openid scope_all`, acr `eidas1`, PKCE S256, 2-minute access tokens, PSC claims only in userinfo) with a
 * persona picker instead of a card or e-CPS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import Provider, {
  errors,
  interactionPolicy,
  type ClientMetadata,
  type ErrorOut,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { DEV_COOKIE_KEYS, DEV_SIGNING_KEY } from './dev-keys.js';
import { findPersona, findPersonaBySub, PERSONAS, PSC_SCOPE_ALL_CLAIMS, type Persona } from './personas.js';

/** PSC's Keycloak realm path: the issuer, discovery and endpoints all live under it. */
export const REALM_PATH = '/auth/realms/esante-wallet';
const WALLET_DISCOVERY = '/.well-known/wallet-openid-configuration';
const STANDARD_DISCOVERY = '/.well-known/openid-configuration';

export type DevIdpClient = {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  /** Set to receive userinfo as a signed JWT (a PSC registration option) instead of JSON. */
  userinfo_signed_response_alg?: 'RS256';
};

export type DevIdpOptions = {
  /** 0 picks a free port. */
  port: number;
  /** Host name in the issuer, also the listening address (default `localhost`). */
  host?: string;
  clients: DevIdpClient[];
};

export type DevIdp = {
  issuer: string;
  /** PSC's non-standard discovery URL (`{issuer}/.well-known/wallet-openid-configuration`). */
  discoveryUrl: string;
  close(): Promise<void>;
  /** The acr of later logins (default `eidas1`): lets the relying party's refusal of another acr be tested. */
  setAcr(acr: string): void;
};

/** Load this module with a dynamic `import()` guarded by NODE_ENV: oidc-provider is a dev dependency. */
export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  if (process.env.NODE_ENV === 'production')
    throw new Error('The development identity provider never runs in production.');
  const host = options.host ?? 'localhost';
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}${REALM_PATH}`;
  let acr = 'eidas1';

  const currentAcr = () => acr;
  const provider = new Provider(issuer, configuration(options.clients, currentAcr));
  server.on('request', application(provider, currentAcr));

  return {
    issuer,
    discoveryUrl: `${issuer}${WALLET_DISCOVERY}`,
    setAcr(value) {
      acr = value;
    },
    close: () => closeServer(server),
  };
}

function configuration(clients: DevIdpClient[], currentAcr: () => string): Configuration {
  return {
    clients: clients.map((client): ClientMetadata => ({
      ...client,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [DEV_SIGNING_KEY] },
    cookies: {
      keys: DEV_COOKIE_KEYS,
      // Cookies ignore ports: distinct names keep the IdP's cookies apart from the API's on localhost.
      names: { session: 'dev_psc_session', interaction: 'dev_psc_interaction', resume: 'dev_psc_resume' },
    },
    scopes: ['openid', 'scope_all'],
    claims: { openid: ['sub'], scope_all: [...PSC_SCOPE_ALL_CLAIMS], acr: null, auth_time: null, sid: null },
    // The default (true) keeps scope claims out of the ID token: PSC claims come only from userinfo, as on PSC.
    conformIdTokenClaims: true,
    acrValues: ['eidas1'],
    async findAccount(_ctx, sub) {
      const persona = findPersonaBySub(sub);
      if (!persona) return undefined;
      return { accountId: sub, claims: () => persona.userinfo };
    },
    // First-party client: no consent page, the grant covers what PSC releases.
    async loadExistingGrant(ctx) {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid scope_all');
      await grant.save();
      return grant;
    },
    interactions: {
      url: (_ctx, interaction) => `${REALM_PATH}/interaction/${interaction.uid}`,
      policy: loginPolicy(currentAcr),
    },
    pkce: { required: () => true },
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      userinfo: '/protocol/openid-connect/userinfo',
      jwks: '/protocol/openid-connect/certs',
      end_session: '/protocol/openid-connect/logout',
      introspection: '/protocol/openid-connect/token/introspect',
      revocation: '/protocol/openid-connect/revoke',
    },
    ttl: { AccessToken: 120, AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 1800, Grant: 1800 },
    features: {
      devInteractions: { enabled: false },
      // Keycloak answers any authenticated client; here a client introspects its own tokens, enough for tests.
      introspection: { enabled: true, allowedPolicy: (_ctx, caller, token) => token.clientId === caller.clientId },
      revocation: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    renderError,
  };
}

/**
 * The default policy, plus two reasons to sign in again despite a live IdP session: `login_hint` names another
 * persona (scripts switch users without logging out) or none known (the persona page shows), or the acr was
 * changed since (`setAcr`).
 */
function loginPolicy(currentAcr: () => string) {
  const policy = interactionPolicy.base();
  const login = policy.get('login')!;
  const signInAgain = (reason: string, description: string, stale: (ctx: KoaContextWithOIDC) => boolean) =>
    new interactionPolicy.Check(reason, description, 'login_required', (ctx) =>
      !ctx.oidc.result?.login && ctx.oidc.session?.accountId !== undefined && stale(ctx)
        ? interactionPolicy.Check.REQUEST_PROMPT
        : interactionPolicy.Check.NO_NEED_TO_PROMPT,
    );
  login.checks.push(
    signInAgain('persona_switch', 'login_hint names another (or no known) persona', (ctx) => {
      const hint = ctx.oidc.params?.login_hint;
      return typeof hint === 'string' && findPersona(hint)?.userinfo.sub !== ctx.oidc.session?.accountId;
    }),
    signInAgain('acr_changed', 'the acr to emit has changed', (ctx) => ctx.oidc.session?.acr !== currentAcr()),
  );
  return policy;
}

function application(provider: Provider, currentAcr: () => string) {
  const app = express();
  app.disable('x-powered-by');

  // PSC's discovery path is served as the standard one, rewritten below the realm so URLs keep the prefix.
  app.use((req, _res, next) => {
    const url = new URL(req.url, 'http://idp');
    if (url.pathname === `${REALM_PATH}${WALLET_DISCOVERY}`) {
      req.url = `${REALM_PATH}${STANDARD_DISCOVERY}${url.search}`;
      req.originalUrl = req.url;
    }
    next();
  });

  const loginResult = (persona: Persona) => ({
    login: { accountId: persona.userinfo.sub, acr: currentAcr() },
  });

  app.get(`${REALM_PATH}/interaction/:uid`, async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    const hint = details.params.login_hint;
    const persona = typeof hint === 'string' ? findPersona(hint) : undefined;
    if (persona) {
      await provider.interactionFinished(req, res, loginResult(persona), { mergeWithLastSubmission: false });
      return;
    }
    res.type('html').send(personaPage(`${REALM_PATH}/interaction/${details.uid}/login`));
  });

  app.post(
    `${REALM_PATH}/interaction/:uid/login`,
    express.urlencoded({ extended: false }),
    async (req: Request, res: Response) => {
      const persona = typeof req.body?.persona === 'string' ? findPersona(req.body.persona) : undefined;
      if (!persona) {
        res.status(400).type('html').send(page('Persona inconnu', '<p>Choisissez un persona dans la liste.</p>'));
        return;
      }
      await provider.interactionFinished(req, res, loginResult(persona), { mergeWithLastSubmission: false });
    },
  );

  app.use(REALM_PATH, provider.callback());

  // An interaction whose cookie is gone or expired: tell the user to start again from the application.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(error instanceof errors.OIDCProviderError)) return next(error);
    res
      .status(error.statusCode)
      .type('html')
      .send(
        page(
          'Connexion interrompue',
          `<p>${escapeHtml(error.error_description ?? error.message)}</p><p>Recommencez la connexion depuis l'application.</p>`,
        ),
      );
  });
  return app;
}

async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
  // Keycloak ends the session without asking when the RP sends id_token_hint: submit the form at once.
  const autoSubmit = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
  ctx.body = page(
    'Déconnexion',
    `${autoSubmit}<noscript><button type="submit" form="op.logoutForm">Se déconnecter</button></noscript>
<script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

async function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
  ctx.body = page('Déconnecté', '<p>Vous êtes déconnecté de Pro Santé Connect (développement).</p>');
}

async function renderError(ctx: KoaContextWithOIDC, out: ErrorOut) {
  ctx.type = 'html';
  ctx.body = page(
    'Erreur de connexion',
    `<p><strong>${escapeHtml(out.error)}</strong> : ${escapeHtml(out.error_description ?? '')}</p>`,
  );
}

function personaPage(action: string): string {
  const items = PERSONAS.map(
    (p) => `<li><button type="submit" name="persona" value="${escapeHtml(p.id)}">
  <strong>${escapeHtml(p.label)}</strong><span>${escapeHtml(p.description)}</span>
  <code>${escapeHtml(p.id)} · ${escapeHtml(p.userinfo.SubjectNameID)}</code></button></li>`,
  ).join('\n');
  return page(
    'Choisissez un professionnel',
    `<p>Bouchon local de Pro Santé Connect : aucun mot de passe, choisissez la personne sous laquelle vous connecter.</p>
<form method="post" action="${escapeHtml(action)}"><ul>${items}</ul></form>`,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Pro Santé Connect (développement)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}
header{border-bottom:3px solid #000091;margin-bottom:1rem}ul{list-style:none;padding:0}li{margin:.5rem 0}
button{width:100%;text-align:left;padding:.75rem 1rem;border:1px solid #ccc;border-radius:4px;background:#fff;cursor:pointer}
button:hover{border-color:#000091;background:#f5f5fe}button strong,button span,button code{display:block}
button span{margin:.25rem 0;color:#444}button code{color:#666;font-size:.85em}
</style></head>
<body><header><p>Pro Santé Connect — environnement de développement</p></header>
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
