// Hardening of the GraphQL endpoint: limits, trusted documents, CSRF, body size, rate
// limiting. createHub() calls the two hooks below and adds `plugins` to Yoga.
import type { Database } from "@hub/db";
import type { Actor } from "@hub/policy";
import type { Plugin } from "graphql-yoga";
import { InvalidTokenError, type VerifyToken } from "../identity/verify-token.js";
import { checkDeclaredLength, DEFAULT_MAX_BODY_BYTES, streamedBodyLimitPlugin } from "./body-limit.js";
import { DEFAULT_QUERY_LIMITS, hideSuggestionsPlugin, maxDocumentLengthPlugin, noIntrospectionPlugin, queryLimitPlugins, type QueryLimits } from "./query-limits.js";
import {
  createActorRateLimiter,
  createFailedAuthenticationLimiter,
  DEFAULT_ACTOR_RATE_LIMIT,
  DEFAULT_FAILED_AUTHENTICATION_LIMIT,
  type IntegrationClientLimits,
  type RateLimit,
  type RateLimitStore,
} from "./rate-limit.js";
import { csrfPreventionPlugin, jsonBodiesOnlyPlugin, noBatchingPlugin, storableInputPlugin, sameOriginOnlyPlugin } from "./request-guards.js";
import { createTrustedDocumentStore, type TrustedDocumentStore, trustedDocumentsPlugin } from "./trusted-documents.js";

export { registerTrustedDocuments, operationsFromSource, sha256Hex, TrustedDocumentError } from "./trusted-documents.js";

export interface EndpointProtectionOptions {
  production: boolean;
  db: Database;
  /** When given, failed sign-ins are counted per client address before Yoga runs. */
  verifyToken?: VerifyToken;
  /** Default: allowed in development only. */
  introspection?: boolean;
  /** Default: required in production only. */
  trustedDocumentsRequired?: boolean;
  queryLimits?: Partial<QueryLimits>;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Per signed-in user. Default 600 a minute. */
  rateLimit?: RateLimit;
  /** Per client address. Default 30 a minute. */
  failedAuthenticationLimit?: RateLimit;
  /** The agencies' systems, each counted on its own limit instead of rateLimit. Default: none. */
  integrationClients?: IntegrationClientLimits;
  /** Where every limit here counts, shared by the hub's processes (Redis). Default: this process's memory. */
  rateLimitStore?: RateLimitStore;
  /** The hub's one store of trusted documents (default: its own). */
  trustedDocuments?: TrustedDocumentStore;
}

export interface EndpointProtection {
  /** Yoga/envelop plugins (armor limits, introspection, trusted documents, CSRF, ...). */
  plugins: Plugin[];
  /**
   * Runs before the token is checked; a Response here ends the request (e.g. 413). Failed
   * sign-ins are counted against `address` (clientAddress(): the connection's, or the one a
   * trusted proxy forwarded); null: not counted.
   */
  beforeAuthentication(request: Request, address: string | null): Promise<Response | null>;
  /** Runs once the actor is known (`subject`: their token's, which names an integration client); a Response here ends the request (e.g. 429). */
  afterAuthentication(actor: Actor, request: Request, subject?: string): Promise<Response | null>;
}

export function createEndpointProtection(options: EndpointProtectionOptions): EndpointProtection {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const introspection = options.introspection ?? !options.production;
  const store = options.rateLimitStore;
  const limitActor = createActorRateLimiter({ ...(options.rateLimit ?? DEFAULT_ACTOR_RATE_LIMIT), store }, options.integrationClients);
  const failedAuthentication = createFailedAuthenticationLimiter({ ...(options.failedAuthenticationLimit ?? DEFAULT_FAILED_AUTHENTICATION_LIMIT), store });
  const queryLimits = { ...DEFAULT_QUERY_LIMITS, ...options.queryLimits };

  // Order matters: request shape first (a wrong content type gets the clearer 415 before the
  // CSRF 403), then the body is read under its limit, then documents are looked up and checked.
  const plugins: Plugin[] = [
    jsonBodiesOnlyPlugin(),
    csrfPreventionPlugin(),
    streamedBodyLimitPlugin(maxBodyBytes),
    noBatchingPlugin(),
    // The text's length before anything (the storable-text scan, the parser) reads it.
    maxDocumentLengthPlugin(queryLimits.maxDocumentLength),
    storableInputPlugin(),
    sameOriginOnlyPlugin(),
    trustedDocumentsPlugin(options.trustedDocuments ?? createTrustedDocumentStore(options.db), options.trustedDocumentsRequired ?? options.production),
    ...queryLimitPlugins(queryLimits),
    ...(introspection ? [] : [noIntrospectionPlugin()]),
    hideSuggestionsPlugin(),
  ];

  return {
    plugins,
    async beforeAuthentication(request, address) {
      const declared = checkDeclaredLength(request, maxBodyBytes);
      if (declared) return declared;
      if (options.verifyToken) {
        if (address) {
          const refused = await failedAuthentication.refusal(address);
          if (refused) return refused;
        }
        // Checked here to count failures per address; a good token is then cached, so the
        // edge's own check right after this one costs a lookup, and a bad one never gets there.
        try {
          await options.verifyToken(request.headers.get("authorization"));
        } catch (error) {
          if (address && error instanceof InvalidTokenError && !error.missing) await failedAuthentication.recordFailure(address);
          throw error;
        }
      }
      return null;
    },
    async afterAuthentication(actor, _request, subject) {
      return limitActor(actor.userId, subject);
    },
  };
}
