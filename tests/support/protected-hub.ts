// A hub like startTestHub()'s, but built with the settings a test asks for: production
// mode (trusted documents required, no introspection) and small limits, so the endpoint's
// protections can be driven over real HTTP without waiting for the default ones.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHub, createTokenVerifier, type HubOptions } from "@hub/api";
import { DEMO_USERS, seedDemoPartnership } from "@hub/db/seed";
import { createTestDatabase, createTestIssuer, type TestDatabase, type TestIssuer } from "@hub/test-utils";
import { createServerAdapter } from "@whatwg-node/server";
import { capturingLogger, portalDist } from "./test-hub.js";

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface ProtectedHub {
  db: TestDatabase;
  url: string;
  issuer: TestIssuer;
  logs: string[];
  tokenFor(email: string): Promise<string>;
  /** Any request to /graphql; `as` is a demo user's email, a raw token, or null for none. */
  request(as: string | null, init?: RequestInit & { query?: Record<string, string> }): Promise<RawResponse>;
  /** A JSON POST of `body` (any JSON value, so tests can send what a client should not). */
  post(as: string | null, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

export async function startProtectedHub(options: { production?: boolean; protection?: HubOptions["protection"] } = {}): Promise<ProtectedHub> {
  const db = await createTestDatabase();
  await seedDemoPartnership(db.prisma);
  const issuer = await createTestIssuer();
  const logs: string[] = [];
  const hub = createHub({
    db,
    logger: capturingLogger(logs),
    production: options.production ?? false,
    portalDist,
    verifyToken: createTokenVerifier({ issuer: issuer.issuer, audience: issuer.audience, algorithms: ["ES256"], keys: { kind: "local", jwks: issuer.jwks } }),
    protection: options.protection,
  });
  const server = createServer(createServerAdapter(hub.fetch));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function tokenFor(email: string) {
    const demo = DEMO_USERS.find((u) => u.email === email);
    const user = demo ? { oidcSubject: demo.oidcSubject } : await db.prisma.user.findUniqueOrThrow({ where: { email } });
    return issuer.tokenFor(user.oidcSubject);
  }

  async function request(as: string | null, init: RequestInit & { query?: Record<string, string> } = {}): Promise<RawResponse> {
    const { query, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (as) headers.set("Authorization", `Bearer ${as.includes("@") ? await tokenFor(as) : as}`);
    const target = new URL(`${url}/graphql`);
    for (const [k, v] of Object.entries(query ?? {})) target.searchParams.set(k, v);
    const response = await fetch(target, { ...rest, headers });
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  }

  return {
    db,
    url,
    issuer,
    logs,
    tokenFor,
    request,
    post: (as, body, headers = {}) =>
      request(as, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
