// A hub like startTestHub()'s, but built with the settings a test asks for: production
// mode (trusted documents required, no introspection) and small limits, so the endpoint's
// protections can be driven over real HTTP without waiting for the default ones.
import type { HubOptions } from "@hub/api";
import { type ServedHub, serveHub } from "./test-hub.js";

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface ProtectedHub extends ServedHub {
  /** Any request to /graphql; `as` is a demo user's email, a raw token, or null for none. */
  request(as: string | null, init?: RequestInit & { query?: Record<string, string> }): Promise<RawResponse>;
  /** A JSON POST of `body` (any JSON value, so tests can send what a client should not). */
  post(as: string | null, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
}

export async function startProtectedHub(options: { production?: boolean; protection?: HubOptions["protection"]; trustedProxies?: HubOptions["trustedProxies"] } = {}): Promise<ProtectedHub> {
  const served = await serveHub(options);
  const { url, tokenFor } = served;

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
    ...served,
    request,
    post: (as, body, headers = {}) =>
      request(as, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) }),
  };
}
