// The portal's sign-in, as a browser does it: the real server process in embedded mode,
// its own OpenID Connect provider, and the whole authorization code flow with PKCE over
// plain HTTP (redirects followed and cookies carried by hand), ending in a GraphQL query.
import { createHash, randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const CLIENT_ID = "hub-portal";
const AMIRA = "isva@northshire-rapecrisis.example.org";

const base64url = (bytes: Buffer) => bytes.toString("base64url");
const challengeFor = (verifier: string) => base64url(createHash("sha256").update(verifier).digest());
const decodePayload = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

/** A browser's cookie jar, just enough for one sign-in: name, value and path. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((s) => s.trim());
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split("=")[1];
      const expired = value === "" || (attr("expires") && new Date(attr("expires")!).getTime() < Date.now());
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path: attr("path") ?? "/" });
    }
  }

  headerFor(url: string): string {
    const { pathname } = new URL(url);
    return [...this.cookies]
      .filter(([, c]) => pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }
}

describe("signing in to the portal with the embedded OpenID Connect provider", () => {
  let hub: ServerProcess;
  let dataDir: string;
  let base: string;
  let redirectUri: string;
  let discovery: Record<string, string>;

  beforeAll(async () => {
    hub = await embeddedServer();
    base = hub.base;
    dataDir = hub.dataDir;
    redirectUri = `${base}/`;
    await hub.start();
    const res = await fetch(`${base}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    discovery = (await res.json()) as Record<string, string>;
  });

  afterAll(async () => {
    await hub.dispose();
  });

  /** Follows redirects by hand, carrying cookies, until one leaves for the portal. */
  async function follow(jar: CookieJar, first: Response): Promise<Response | URL> {
    let res = first;
    for (let hops = 0; hops < 10; hops++) {
      jar.take(res);
      if (res.status < 300 || res.status >= 400) return res;
      const next = new URL(res.headers.get("location")!, base);
      if (next.href.startsWith(redirectUri) && next.pathname === "/") return next;
      res = await fetch(next, { redirect: "manual", headers: { cookie: jar.headerFor(next.href) } });
    }
    throw new Error("too many redirects");
  }

  function authorizationUrl(params: Record<string, string>): URL {
    const url = new URL(discovery.authorization_endpoint!);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  }

  /** Starts sign-in as the portal does and stops on the "choose a demo user" page. */
  async function startSignIn() {
    const jar = new CookieJar();
    const codeVerifier = base64url(randomBytes(32));
    const state = base64url(randomBytes(16));
    const url = authorizationUrl({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: "openid profile email",
      redirect_uri: redirectUri,
      code_challenge: challengeFor(codeVerifier),
      code_challenge_method: "S256",
      state,
    });
    const loginPage = await follow(jar, await fetch(url, { redirect: "manual" }));
    if (loginPage instanceof URL) throw new Error(`expected the sign-in page, went to ${loginPage.href}`);
    expect(loginPage.status).toBe(200);
    return { jar, codeVerifier, state, loginPageUrl: loginPage.url, html: await loginPage.text() };
  }

  async function chooseUser(jar: CookieJar, loginPageUrl: string, html: string, email: string | null) {
    const action = new URL(html.match(/<form method="post" action="([^"]+)"/)![1]!, loginPageUrl);
    const form = new URLSearchParams(email ? { email } : {});
    return fetch(action, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.headerFor(action.href) },
      body: form,
    });
  }

  /** Signs in as a demo user and returns the authorization code the portal receives. */
  async function signInAs(email: string) {
    const { jar, codeVerifier, state, loginPageUrl, html } = await startSignIn();
    const back = await follow(jar, await chooseUser(jar, loginPageUrl, html, email));
    if (!(back instanceof URL)) throw new Error(`expected a redirect to the portal, got ${back.status}: ${await back.text()}`);
    expect(back.searchParams.get("state")).toBe(state);
    expect(back.searchParams.get("iss")).toBe(base);
    return { jar, codeVerifier, code: back.searchParams.get("code")! };
  }

  const exchange = (code: string, codeVerifier: string) =>
    fetch(discovery.token_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: CLIENT_ID, code_verifier: codeVerifier }),
    });

  const viewer = (accessToken: string) =>
    fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: "{ viewer { name organisation { name } } }" }),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  it("publishes its discovery document for the hub's issuer, with PKCE S256 only", () => {
    expect(discovery.issuer).toBe(base);
    expect(discovery.authorization_endpoint).toBe(`${base}/oidc/auth`);
    expect(discovery.token_endpoint).toBe(`${base}/oidc/token`);
    expect(discovery.end_session_endpoint).toBe(`${base}/oidc/session/end`);
    expect(discovery.code_challenge_methods_supported).toEqual(["S256"]);
    expect(discovery.response_types_supported).toEqual(["code"]);
  });

  it("signs in a demo user with the authorization code flow and PKCE, and the token works at /graphql", async () => {
    const { code, codeVerifier } = await signInAs(AMIRA);
    const res = await exchange(code, codeVerifier);
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { access_token: string; id_token: string; token_type: string; expires_in: number };
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBeGreaterThan(55 * 60);
    expect(tokens.expires_in).toBeLessThanOrEqual(60 * 60);

    expect(await viewer(tokens.access_token)).toEqual({
      status: 200,
      body: { data: { viewer: { name: "Amira Khan", organisation: { name: "Northshire Rape Crisis" } } } },
    });
  });

  it("issues ES256 JWT access tokens for the hub's audience, signed with the key the hub publishes", async () => {
    const { code, codeVerifier } = await signInAs(AMIRA);
    const { access_token: accessToken } = (await (await exchange(code, codeVerifier)).json()) as { access_token: string };
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: "ES256", typ: "at+jwt" });
    const payload = decodePayload(accessToken);
    expect(payload).toMatchObject({ iss: base, aud: "victims-hub", sub: `demo|${AMIRA}`, client_id: CLIENT_ID });
    expect((payload.exp as number) - (payload.iat as number)).toBe(60 * 60);
    // The same key as the CLI's tokens: the hub's published JWKS verifies it.
    const keys = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    await expect(jwtVerify(accessToken, keys, { issuer: base, audience: "victims-hub", algorithms: ["ES256"] })).resolves.toBeTruthy();
  });

  it("refuses a token request with the wrong code_verifier", async () => {
    const { code } = await signInAs(AMIRA);
    const res = await exchange(code, base64url(randomBytes(32)));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an authorization request without a code_challenge", async () => {
    const url = authorizationUrl({ client_id: CLIENT_ID, response_type: "code", scope: "openid profile email", redirect_uri: redirectUri, state: "s1" });
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("error")).toBe("invalid_request");
    expect(back.searchParams.get("code")).toBeNull();
  });

  it("refuses a redirect_uri the portal has not registered, without redirecting there", async () => {
    const url = authorizationUrl({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: "openid",
      redirect_uri: "https://attacker.example/",
      code_challenge: challengeFor("x".repeat(43)),
      code_challenge_method: "S256",
    });
    const res = await fetch(url, { redirect: "manual", headers: { accept: "text/html" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("Sorry, we could not sign you in");
  });

  it("shows an accessible, clearly-labelled demo sign-in page, and asks again if nobody is chosen", async () => {
    const { jar, loginPageUrl, html } = await startSignIn();
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain("<h1>Sign in to the Victims' Partnership Hub (demo)</h1>");
    expect(html).toContain("This is a demonstration only.");
    expect(html).toMatch(/<label for="user[^"]*"><strong>Amira Khan<\/strong><span class="detail">Northshire Rape Crisis: Advocate \(ISVA\/IDVA\)<\/span><\/label>/);
    expect(html).toContain("<legend>Who do you want to sign in as?</legend>");

    const again = await chooseUser(jar, loginPageUrl, html, null);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Choose who to sign in as");
  });

  it("does not accept the sign-in form without the interaction's own cookie", async () => {
    const { loginPageUrl, html } = await startSignIn();
    const res = await chooseUser(new CookieJar(), loginPageUrl, html, AMIRA);
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });

  it("sends the person back to the portal when they cancel", async () => {
    const { jar, html, loginPageUrl, state } = await startSignIn();
    const cancel = new URL(html.match(/<a href="([^"]+\/abort)">/)![1]!, loginPageUrl);
    const back = await follow(jar, await fetch(cancel, { redirect: "manual", headers: { cookie: jar.headerFor(cancel.href) } }));
    expect(back).toBeInstanceOf(URL);
    expect((back as URL).searchParams.get("error")).toBe("access_denied");
    expect((back as URL).searchParams.get("state")).toBe(state);
  });

  it("signs out at end_session and returns to the portal; the next sign-in asks who again", async () => {
    const { jar, code, codeVerifier } = await signInAs(AMIRA);
    const { id_token: idToken } = (await (await exchange(code, codeVerifier)).json()) as { id_token: string };
    const url = new URL(discovery.end_session_endpoint!);
    url.search = new URLSearchParams({ client_id: CLIENT_ID, id_token_hint: idToken, post_logout_redirect_uri: redirectUri, state: "signed-out" }).toString();
    const page = await fetch(url, { redirect: "manual", headers: { cookie: jar.headerFor(url.href) } });
    jar.take(page);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("document.forms[0].submit()");
    const action = new URL(html.match(/<form id="op.logoutForm" method="post" action="([^"]+)"/)![1]!, base);
    const xsrf = html.match(/name="xsrf" value="([^"]+)"/)![1]!;
    const done = await fetch(action, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.headerFor(action.href) },
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });
    jar.take(done);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${redirectUri}?state=signed-out`);

    // The provider's session is gone: signing in again shows the choice of users.
    const again = authorizationUrl({
      client_id: CLIENT_ID,
      response_type: "code",
      scope: "openid profile email",
      redirect_uri: redirectUri,
      code_challenge: challengeFor(codeVerifier),
      code_challenge_method: "S256",
    });
    const res = await follow(jar, await fetch(again, { redirect: "manual", headers: { cookie: jar.headerFor(again.href) } }));
    expect(res).not.toBeInstanceOf(URL);
    expect(await (res as Response).text()).toContain("Who do you want to sign in as?");
  });

  it("keeps its cookie keys private to its owner", () => {
    expect(statSync(path.join(dataDir, "keys", "cookie-keys.json")).mode & 0o077).toBe(0);
  });

  it("never writes tokens, codes or victim data to its log", () => {
    expect(hub.output()).not.toMatch(/Alex Morgan|12 Elm Row|07700 9001|eyJ[A-Za-z0-9_-]{20,}|code_verifier/);
  });
});
