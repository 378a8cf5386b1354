// Hardening of the GraphQL endpoint: limits, trusted documents, CSRF, body size, rate
// limiting. createHub() calls the three hooks below and adds `plugins` to Yoga.
// (Issue #3: to be completed; the hooks are wired in yoga.ts.)
import type { Actor } from "@hub/policy";
import type { Database } from "@hub/db";
import type { Plugin } from "graphql-yoga";

export interface EndpointProtectionOptions {
  production: boolean;
  db: Database;
}

export interface EndpointProtection {
  /** Yoga/envelop plugins (armor limits, introspection, trusted documents, CSRF, ...). */
  plugins: Plugin[];
  /** Runs before the token is checked; a Response here ends the request (e.g. 413). */
  beforeAuthentication(request: Request): Promise<Response | null>;
  /** Runs once the actor is known; a Response here ends the request (e.g. 429). */
  afterAuthentication(actor: Actor, request: Request): Promise<Response | null>;
}

export function createEndpointProtection(_options: EndpointProtectionOptions): EndpointProtection {
  return {
    plugins: [],
    async beforeAuthentication() {
      return null;
    },
    async afterAuthentication() {
      return null;
    },
  };
}
