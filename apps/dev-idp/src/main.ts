/** `npm run dev:idp`: the local Pro Santé Connect stand-in on its own, for the API started separately. */
async function main(): Promise<void> {
  const env = process.env;
  if (env.NODE_ENV === 'production') throw new Error('The development identity provider never runs in production.');
  // Imported only now: oidc-provider is a dev dependency, absent from a production install.
  const { startDevIdp } = await import('./dev-idp.js');
  const port = Number(env.DEV_IDP_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid DEV_IDP_PORT: ${env.DEV_IDP_PORT}`);
  const idp = await startDevIdp({
    port,
    host: env.DEV_IDP_HOST ?? 'localhost',
    clients: [
      {
        client_id: env.PSC_CLIENT_ID ?? 'ror-back-office',
        client_secret: env.PSC_CLIENT_SECRET ?? 'dev-secret',
        redirect_uris: ['http://localhost:3000/api/auth/callback'],
        post_logout_redirect_uris: ['http://localhost:3000/'],
      },
    ],
  });
  process.stdout.write(`\n  Pro Santé Connect (développement) : ${idp.discoveryUrl}\n\n`);
  const shutdown = () => void idp.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
