/**
 * Logs in through the development Pro Santé Connect (apps/dev-idp) the way a browser does: plain HTTP redirects,
 * the IdP's cookies kept in a jar, auto-submitted forms submitted, the persona page answered when asked.
 */
import type request from 'supertest';

/** Cookies of the IdP (one origin), matched by path as a browser does. */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  header(url: URL): string {
    return [...this.cookies]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  store(response: globalThis.Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attribute('expires');
      const removed = attribute('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (removed) this.cookies.delete(name);
      else this.cookies.set(name, { value: pair.slice(at + 1), path: attribute('path') ?? '/' });
    }
  }
}

export type IdpOptions = {
  /** The IdP's cookies; pass the same jar again to reuse the IdP session (single sign-on, logout). */
  jar?: CookieJar;
  /** Persona to pick if the IdP shows its persona page (no or unknown `login_hint`). */
  persona?: string;
};

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Follows the IdP from `url` until it redirects somewhere else (the relying party's callback or post-logout
 * page), and returns that URL. Throws on an error page or a page it cannot answer.
 */
export async function followIdp(url: string, options: IdpOptions = {}): Promise<URL> {
  const jar = options.jar ?? new CookieJar();
  let next = new URL(url);
  const origin = next.origin;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(next, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(next), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
      body,
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      next = new URL(location, next);
      body = undefined;
      if (next.origin !== origin) return next;
      continue;
    }
    const html = await response.text();
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (response.status !== 200 || !form) {
      throw new Error(`The IdP answered ${response.status} at ${next.pathname}: ${html.slice(0, 500)}`);
    }
    const fields = [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)];
    if (fields.length) {
      // A form the page submits by script (logout confirmation, form_post): submit it as the browser would.
      body = new URLSearchParams(fields.map(([, name, value]): [string, string] => [name, decode(value)]));
    } else if (options.persona && html.includes(`name="persona" value="${options.persona}"`)) {
      body = new URLSearchParams({ persona: options.persona });
    } else {
      throw new Error(`The IdP shows a page to answer at ${next.pathname} (no persona given or unknown)`);
    }
    next = new URL(decode(form[1]), next);
  }
  throw new Error(`Too many redirects through the IdP from ${url}`);
}

/**
 * Logs a supertest agent of the API in: GET `startPath` on the API (e.g. `/api/auth/login?login_hint=liberal`)
 * must redirect to the IdP; the IdP's redirects are followed back to the API's callback, which the agent then
 * calls, so the agent holds the API session cookie. Throws if the callback answers with an error.
 */
export async function pscLogin(
  agent: request.Agent,
  startPath: string,
  options: IdpOptions = {},
): Promise<request.Agent> {
  const start = await agent.get(startPath);
  const location = start.headers.location as string | undefined;
  if (start.status < 300 || start.status >= 400 || !location) {
    throw new Error(`${startPath} answered ${start.status} instead of a redirect to the IdP: ${start.text}`);
  }
  const callback = await followIdp(location, options);
  const landed = await agent.get(`${callback.pathname}${callback.search}`);
  if (landed.status >= 400) throw new Error(`The callback answered ${landed.status}: ${landed.text}`);
  return agent;
}
