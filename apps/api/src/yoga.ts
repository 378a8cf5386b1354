// createHub(): the whole HTTP surface of the hub as one fetch handler, with no I/O of its
// own, so tests drive it in-process exactly as the server does over the network.
import { CaseEventsAfterCommit, concernedIdentifiers, HubError, InProcessCaseEvents, loadActor, maySeeAllOf, PURPOSE_HEADER, RequestAudit, type CoreContext } from "@hub/core";
import { AccessPurpose } from "@hub/db";
import { describeError, type Logger } from "@hub/config";
import type { Database } from "@hub/db";
import { defineAbilityFor } from "@hub/policy";
import { GraphQLError } from "graphql";
import { createYoga } from "graphql-yoga";
import { createEndpointProtection } from "./http/endpoint-protection.js";
import { createIdempotency, type IdempotencyOptions } from "./http/idempotency.js";
import { createTrustedDocumentStore } from "./http/trusted-documents.js";
import { clientAddress, DEFAULT_TRUSTED_PROXIES, trustedProxies } from "./http/client-address.js";
import { DEFAULT_FAILED_AUTHENTICATION_LIMIT, DEFAULT_OPEN_FEED_RATE_LIMIT, type RateLimit } from "./http/rate-limit.js";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE, unavailableResponse } from "./http/outage.js";
import { errorResponse } from "./http/responses.js";
import { createStaticFiles } from "./http/static-files.js";
import { createOpenReferralFeed } from "./openreferral/feed.js";
import { createScimEndpoint, DEFAULT_SCIM_RATE_LIMIT } from "./scim/scim-endpoint.js";
import { connectSourcesOf, type PortalConfig } from "./http/portal-config.js";
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
  /** What the portal reads at start (GET /portal-config.json): where to sign in, whether to send trusted documents. */
  portalConfig?: PortalConfig;
  /** Tests tune the endpoint's limits (small rate limits, production settings in development), and the open feed's per-address limit. */
  protection?: Partial<Omit<Parameters<typeof createEndpointProtection>[0], "db" | "production" | "verifyToken">> & { openFeedRateLimit?: RateLimit };
  /** Fault tests stop the process at these moments of an idempotent request. */
  faults?: IdempotencyOptions["faults"];
  /**
   * The reverse proxies whose X-Forwarded-For the hub believes (HUB_TRUSTED_PROXIES): addresses,
   * CIDR blocks, "loopback", "private". Default: loopback only.
   */
  trustedProxies?: readonly string[];
  /** More for /health/ready: the background jobs' state (degraded when their queue is away). */
  readiness?: () => Promise<{ degraded: boolean } & Record<string, unknown>>;
  /** GET /metrics: Prometheus text (the background jobs' failed and stalled counters). */
  metrics?: () => string | Promise<string>;
}

export interface Hub {
  /** `server`: what a Node server adapter passes along (its `req`, for the client's address). */
  fetch(request: Request, server?: object): Promise<Response>;
  /** The hub is stopping: every live feed ends cleanly, so its connection can close. */
  endSubscriptions(): void;
}

/** The address the request's connection came from, when a Node server carried it. */
const peerOf = (server?: object) => (server as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket?.remoteAddress;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/**
 * GraphQL is POST only: a GET carries its operation, variables (a victim's id, a case's) or
 * document id in the URL, and URLs end up in proxies' and servers' access logs. Refused before
 * the token is read or anything is parsed, and nothing about the request is logged.
 */
const postOnly = () =>
  errorResponse(
    405,
    "The hub answers GraphQL over POST only, so that nothing about a case is ever written in a URL. Send the operation as JSON in the body of a POST, with Content-Type: application/json.",
    "METHOD_NOT_ALLOWED",
    { Allow: "POST" },
  );

const INVALID = Symbol("invalid purpose");

/** The stated purpose of the access, from the X-Access-Purpose header (absent: none stated). */
function readPurpose(request: Request): AccessPurpose | null | typeof INVALID {
  const value = request.headers.get(PURPOSE_HEADER);
  if (value === null || value === "") return null;
  return (Object.values(AccessPurpose) as string[]).includes(value) ? (value as AccessPurpose) : INVALID;
}

const invalidPurpose = () =>
  json(
    {
      errors: [
        {
          message: `The ${PURPOSE_HEADER} header must be one of: ${Object.values(AccessPurpose).join(", ")}.`,
          extensions: { code: "BAD_INPUT", field: "purpose" },
        },
      ],
    },
    400,
  );

/** graphql-js quotes the value it refused ("Int cannot represent non-integer value: \"10\""): keep what was wrong, not what was sent. */
const withoutValue = (message: string) =>
  message
    .replace(/\b(value)\s*:\s[\s\S]*$/i, "$1.")
    .replace(/^Value\s+("(?:[^"\\]|\\.)*"|\S+)\s+does not exist/, "That value does not exist")
    .replace(/; Did you mean[\s\S]*$/, ".");

const isWrapper = (e: unknown): e is { originalError: unknown } =>
  typeof e === "object" && e !== null && (e as { originalError?: unknown }).originalError != null;

export function createHub(options: HubOptions): Hub {
  const { db, logger } = options;
  const proxies = trustedProxies(options.trustedProxies ?? DEFAULT_TRUSTED_PROXIES);
  const { openFeedRateLimit, ...endpointLimits } = options.protection ?? {};
  // One store of trusted documents: a document the idempotency layer read is not read again
  // inside its transaction (on PGlite's single connection that read would wait for it).
  const trustedDocuments = createTrustedDocumentStore(db);
  const protection = createEndpointProtection({ production: options.production, db, verifyToken: options.verifyToken, trustedDocuments, ...endpointLimits });
  // The open feed and SCIM count where the endpoint's limits do (protection.rateLimitStore: Redis, shared by the hub's processes).
  const store = endpointLimits.rateLimitStore;
  // The live feed of case updates (GraphQL subscriptions): one bus per hub, in this process.
  const events = new InProcessCaseEvents();
  const yoga = createYoga<{ hubContext: CoreContext }>({
    schema,
    plugins: protection.plugins,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // No GraphiQL: its page is a GET of /graphql, which is refused (and a browser could never
    // load it with a bearer token anyway). Use any GraphQL client that sends a token over POST.
    graphiql: false,
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
        // A scalar refused a variable's value (an impossible date, say): name the variable and
        // where in it, give the scalar's own words, and never echo the value (it may be hers).
        if ((original as { name?: string }).name === "GraphQLError") {
          const said = String((error as { message?: unknown }).message ?? "");
          const where = /Variable "\$([^"]+)" got invalid value[\s\S]*? at "([^"]+)"/.exec(said);
          const field = where ? where[2]! : (/Variable "\$([^"]+)"/.exec(said)?.[1] ?? undefined);
          return new GraphQLError(`${field ? `${field}: ` : ""}${withoutValue((original as Error).message)}`, { extensions: { code: "BAD_INPUT", ...(field ? { field } : {}) } });
        }
        if (isDatabaseUnavailable(original)) {
          logger.warn({ error: describeError(original) }, "the database did not answer during a request");
          return new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) } } } });
        }
        logger.error({ error: describeError(original) }, "unexpected error in a GraphQL resolver");
        return new GraphQLError("Something went wrong on our side. Nothing was changed. Please try again, and tell your administrator if it keeps happening.", {
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        });
      },
    },
  });
  const staticFiles = createStaticFiles(options.portalDist, connectSourcesOf(options.portalConfig));
  const openReferral = createOpenReferralFeed(db, { logger, rateLimit: { ...(openFeedRateLimit ?? DEFAULT_OPEN_FEED_RATE_LIMIT), store } });
  const idempotency = createIdempotency({
    db,
    logger,
    maxBodyBytes: options.protection?.maxBodyBytes,
    maxDocumentLength: options.protection?.queryLimits?.maxDocumentLength,
    trustedDocuments,
    faults: options.faults,
  });
  const scim = createScimEndpoint({
    db,
    logger,
    maxBodyBytes: options.protection?.maxBodyBytes,
    rateLimit: { ...DEFAULT_SCIM_RATE_LIMIT, store },
    failedAuthenticationLimit: { ...DEFAULT_FAILED_AUTHENTICATION_LIMIT, store },
  });

  async function graphql(request: Request, address: string | null): Promise<Response> {
    if (request.method !== "POST") return postOnly();
    try {
      const early = await protection.beforeAuthentication(request, address);
      if (early) return early;
      const { subject } = await options.verifyToken(request.headers.get("authorization"));
      const actor = await loadActor(db.prisma, subject);
      if (!actor) throw new InvalidTokenError();
      const limited = await protection.afterAuthentication(actor, request, subject);
      if (limited) return limited;
      const purpose = readPurpose(request);
      if (purpose === INVALID) return invalidPurpose();
      const audit = new RequestAudit(actor, purpose, address);
      const ability = defineAbilityFor(actor, { purpose });
      // Nothing about a victim leaves without its s.62 log entry: if the log cannot be
      // written, the caller gets an error instead of the data.
      const afterAuditFlush = async (response: Response, prisma = db.prisma) => {
        try {
          await audit.flush(prisma);
        } catch (error) {
          logger.error({ error: describeError(error) }, "could not write the audit log; response withheld");
          return json({ errors: [{ message: "We could not record this access in the audit log, so nothing was sent. Please try again.", extensions: { code: "AUDIT_UNAVAILABLE" } }] }, 503);
        }
        return response;
      };
      // A mutation retried with the same Idempotency-Key runs once; the retry gets the stored
      // answer, which discloses its data again and is logged as a consultation of each case it
      // concerns, but only while the caller may still see them all (asked of the policy now).
      return await idempotency.run(request, actor, {
        execute: async (req, within) => {
          if (!within) return afterAuditFlush(await yoga.fetch(req, { hubContext: { prisma: db.prisma, actor, purpose, ability, audit, events } }));
          // Inside the key's transaction: every read and write, and the audit, commit together;
          // the live feed hears of new updates only once they have.
          const afterCommit = new CaseEventsAfterCommit(events);
          within.onCommit(() => afterCommit.release());
          return afterAuditFlush(await yoga.fetch(req, { hubContext: { prisma: within.prisma, actor, purpose, ability, audit, events: afterCommit } }), within.prisma);
        },
        maySee: (concerns) => maySeeAllOf(db.prisma, ability, concerns),
        replay: async (stored, keyHash, concerns) => {
          const concerned = await concernedIdentifiers(db.prisma, concerns);
          for (const about of concerned.length ? concerned : [{}]) audit.record({ action: "CONSULTATION", entityType: "IdempotentReplay", entityId: keyHash, ...about, fields: [] });
          return afterAuditFlush(stored);
        },
        // Logged as a denied look-up of each case: the caller only ever sees "not found".
        withhold: async (refusal, keyHash, concerns) => {
          for (const about of await concernedIdentifiers(db.prisma, concerns)) audit.record({ action: "DENIED", entityType: "IdempotentReplay", entityId: keyHash, ...about, outcome: "not-permitted" });
          return afterAuditFlush(refusal);
        },
      });
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      const challenge = error.missing ? 'Bearer realm="victims-hub"' : 'Bearer realm="victims-hub", error="invalid_token"';
      return json({ errors: [{ message: error.message, extensions: { code: "UNAUTHENTICATED" } }] }, 401, {
        "WWW-Authenticate": challenge,
      });
    }
  }

  return {
    endSubscriptions: () => events.closeAll(),
    async fetch(request, server) {
      const { pathname } = new URL(request.url);
      try {
        // Who asked, from where: for the audit log and the limits kept per address.
        const address = clientAddress(request, peerOf(server), proxies);
        if (pathname === "/graphql") return await graphql(request, address);
        if (pathname === "/health/live") return json({ status: "ok" });
        if (pathname === "/health/ready") {
          try {
            await db.sql.query("SELECT 1");
          } catch {
            return json({ status: "unavailable", database: db.kind }, 503);
          }
          // The hub still answers while its job queue (Redis) is away: the work waits in the
          // outbox, so it is degraded, not unready.
          const jobs = await options.readiness?.().catch(() => ({ degraded: true, error: "could not read the job queue's state" }));
          const { degraded = false, ...detail } = jobs ?? {};
          return json({ status: degraded ? "degraded" : "ok", database: db.kind, ...(jobs ? { jobs: detail } : {}) });
        }
        if (options.metrics && pathname === "/metrics" && (request.method === "GET" || request.method === "HEAD")) {
          return new Response(await options.metrics(), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" } });
        }
        if (options.embeddedIssuer && pathname === "/.well-known/jwks.json") return json(options.embeddedIssuer.jwks);
        if (options.portalConfig && pathname === "/portal-config.json") return json(options.portalConfig, 200, { "Cache-Control": "no-cache" });
        if (pathname.startsWith("/scim/v2")) return await scim(request, address);
        if (pathname.startsWith("/openreferral")) return (await openReferral(request, address)) ?? json({ error: "Not found" }, 404);
        if (request.method === "GET" || request.method === "HEAD") return await staticFiles(pathname, request);
        return json({ error: "Not found" }, 404);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          logger.warn({ error: describeError(error), path: pathname }, "the database did not answer; answered 503");
          return unavailableResponse();
        }
        logger.error({ error: describeError(error), path: pathname }, "unexpected error handling a request");
        return json({ error: "Something went wrong on our side. Please try again." }, 500);
      }
    },
  };
}
