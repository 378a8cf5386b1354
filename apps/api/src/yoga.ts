// createHub(): the whole HTTP surface of the hub as one fetch handler, with no I/O of its
// own, so tests drive it in-process exactly as the server does over the network.
import { HubError, loadActor, type CoreContext } from "@hub/core";
import { describeError, type Logger } from "@hub/config";
import type { Database } from "@hub/db";
import { defineAbilityFor } from "@hub/policy";
import { GraphQLError } from "graphql";
import { createYoga } from "graphql-yoga";
import { createEndpointProtection } from "./http/endpoint-protection.js";
import { createStaticFiles } from "./http/static-files.js";
import type { EmbeddedIssuer } from "./identity/embedded-issuer.js";
import { InvalidTokenError, type VerifyToken } from "./identity/verify-token.js";
import { schema } from "./schema/index.js";

export interface HubOptions {
  db: Database;
  verifyToken: VerifyToken;
  logger: Logger;
  production: boolean;
  portalDist: string;
  /** Present in embedded mode: the hub publishes its demo issuer's keys. */
  embeddedIssuer?: EmbeddedIssuer;
}

export interface Hub {
  fetch(request: Request): Promise<Response>;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const isWrapper = (e: unknown): e is { originalError: unknown } =>
  typeof e === "object" && e !== null && (e as { originalError?: unknown }).originalError != null;

export function createHub(options: HubOptions): Hub {
  const { db, logger } = options;
  const protection = createEndpointProtection({ production: options.production, db });
  const yoga = createYoga<{ hubContext: CoreContext }>({
    schema,
    plugins: protection.plugins,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: !options.production,
    logging: false,
    context: ({ hubContext }) => hubContext,
    maskedErrors: {
      maskError(error) {
        // Unwrap by shape, not instanceof: graphql can be loaded twice (ESM and CJS).
        let original: unknown = error;
        while (isWrapper(original)) original = original.originalError;
        if (original instanceof HubError) {
          return new GraphQLError(original.message, {
            extensions: { code: original.code, ...(original.field ? { field: original.field } : {}) },
          });
        }
        if (original === error && (error as { name?: string }).name === "GraphQLError") return error as GraphQLError; // validation and parse errors
        logger.error({ error: describeError(original) }, "unexpected error in a GraphQL resolver");
        return new GraphQLError("Something went wrong on our side. Nothing was changed. Please try again, and tell your administrator if it keeps happening.", {
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        });
      },
    },
  });
  const staticFiles = createStaticFiles(options.portalDist);

  async function graphql(request: Request): Promise<Response> {
    try {
      const early = await protection.beforeAuthentication(request);
      if (early) return early;
      const { subject } = await options.verifyToken(request.headers.get("authorization"));
      const actor = await loadActor(db.prisma, subject);
      if (!actor) throw new InvalidTokenError();
      const limited = await protection.afterAuthentication(actor, request);
      if (limited) return limited;
      const hubContext: CoreContext = { prisma: db.prisma, actor, ability: defineAbilityFor(actor) };
      return await yoga.fetch(request, { hubContext });
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      const challenge = error.missing ? 'Bearer realm="victims-hub"' : 'Bearer realm="victims-hub", error="invalid_token"';
      return json({ errors: [{ message: error.message, extensions: { code: "UNAUTHENTICATED" } }] }, 401, {
        "WWW-Authenticate": challenge,
      });
    }
  }

  return {
    async fetch(request) {
      const { pathname } = new URL(request.url);
      try {
        if (pathname === "/graphql") return await graphql(request);
        if (pathname === "/health/live") return json({ status: "ok" });
        if (pathname === "/health/ready") {
          try {
            await db.sql.query("SELECT 1");
            return json({ status: "ok", database: db.kind });
          } catch {
            return json({ status: "unavailable", database: db.kind }, 503);
          }
        }
        if (options.embeddedIssuer && pathname === "/.well-known/jwks.json") return json(options.embeddedIssuer.jwks);
        if (options.embeddedIssuer && pathname === "/.well-known/openid-configuration") {
          const issuer = options.embeddedIssuer.issuer;
          return json({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["ES256"] });
        }
        if (request.method === "GET" || request.method === "HEAD") return await staticFiles(pathname);
        return json({ error: "Not found" }, 404);
      } catch (error) {
        logger.error({ error: describeError(error), path: pathname }, "unexpected error handling a request");
        return json({ error: "Something went wrong on our side. Please try again." }, 500);
      }
    },
  };
}
