// The hub's configuration, parsed once from the environment. Nothing else in the hub reads
// process.env: entry points call readConfig() and pass the result down.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.url().optional());

/** A rate limit: so many requests (or failures) in so many seconds. */
export interface RateLimitSetting {
  points: number;
  durationSeconds: number;
}

const RATE_FORMAT = 'must be "requests/seconds", a whole number of each, such as 600/60 for 600 requests a minute (1 to 1000000 requests, in 1 to 86400 seconds)';

/** "600/60" → 600 in 60 seconds; null when it is not that shape or out of range. */
function parseRate(text: string): RateLimitSetting | null {
  const match = /^\s*(\d{1,7})\s*\/\s*(\d{1,5})\s*$/.exec(text);
  if (!match) return null;
  const points = Number(match[1]);
  const durationSeconds = Number(match[2]);
  if (points < 1 || points > 1_000_000 || durationSeconds < 1 || durationSeconds > 86_400) return null;
  return { points, durationSeconds };
}

const rate = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(fallback)
      .transform((text, ctx) => {
        const limit = parseRate(text);
        if (limit) return limit;
        ctx.addIssue({ code: "custom", message: RATE_FORMAT });
        return z.NEVER;
      }),
  );

/** One integration client: the subject its tokens carry, and its own limit when it has one. */
export interface IntegrationClientSetting {
  subject: string;
  limit?: RateLimitSetting;
}

/**
 * HUB_INTEGRATION_CLIENTS: comma-separated subjects, each optionally "=requests/seconds",
 * e.g. "wcu-case-system,cps-cms=6000/60". A subject is the token claim OIDC_SUBJECT_CLAIM
 * names, so it holds neither "," nor "=" nor spaces.
 */
const integrationClients = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .default("")
    .transform((text, ctx) => {
      const clients: IntegrationClientSetting[] = [];
      for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
        const [subject = "", limitText, ...rest] = entry.split("=").map((part) => part.trim());
        if (!/^[^\s,=]{1,255}$/.test(subject) || rest.length > 0) {
          ctx.addIssue({ code: "custom", message: `"${entry}" is not an integration client: write the subject its tokens carry, optionally followed by =requests/seconds, such as cps-cms=6000/60; separate clients with commas` });
          continue;
        }
        if (clients.some((c) => c.subject === subject)) {
          ctx.addIssue({ code: "custom", message: `names ${subject} twice: give each integration client once, with its own limit if it needs one` });
          continue;
        }
        if (limitText === undefined) {
          clients.push({ subject });
          continue;
        }
        const limit = parseRate(limitText);
        if (!limit) ctx.addIssue({ code: "custom", message: `${subject}'s limit "${limitText}" ${RATE_FORMAT}` });
        else clients.push({ subject, limit });
      }
      return clients;
    }),
);

const schema = z
  .object({
    HUB_ENV: z.enum(["production", "development", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default("127.0.0.1"),
    PUBLIC_URL: optionalUrl,
    /** Unset: the embedded PGlite database in HUB_DATA_DIR. Set: that PostgreSQL server. */
    DATABASE_URL: optionalUrl,
    /**
     * PostgreSQL only, optional: the role that owns the schema runs the migrations with this URL,
     * and grants DATABASE_URL's role what serving needs; on the audit log only SELECT and INSERT.
     * Unset: DATABASE_URL's role migrates, and so owns everything (the audit log's triggers too).
     */
    DATABASE_MIGRATION_URL: optionalUrl,
    HUB_DATA_DIR: z.string().default(path.join(repoRoot, ".hub-data")),
    /** Unset: bull jobs run in-process, rate limits count in this process. Set: bull queues, and rate limits all the hub's processes share, on that Redis. */
    REDIS_URL: optionalUrl,
    /** What every key the hub keeps in Redis starts with, so that several partnerships (or test runs) can share one Redis. */
    HUB_REDIS_KEY_PREFIX: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, "must be letters, digits and _ . : - (at most 64), starting with a letter or digit, such as victims-hub")
        .default("victims-hub"),
    ),
    /** Requests each signed-in person may make to the GraphQL endpoint. */
    HUB_USER_RATE_LIMIT: rate("600/60"),
    /** Failed sign-ins (access tokens that are not valid) from one client address before it is refused. */
    HUB_FAILED_SIGN_IN_LIMIT: rate("30/60"),
    /** Requests each integration client (HUB_INTEGRATION_CLIENTS) may make, unless it has its own limit there. */
    HUB_INTEGRATION_RATE_LIMIT: rate("3000/60"),
    /** The service accounts of agencies' systems (a WCU's, the CPS's), by token subject, each optionally with its own limit. */
    HUB_INTEGRATION_CLIENTS: integrationClients,
    /** Unset outside production: the hub runs its own demo issuer. */
    OIDC_ISSUER: optionalUrl,
    OIDC_AUDIENCE: z.string().default("victims-hub"),
    OIDC_JWKS_URL: optionalUrl,
    OIDC_ALGORITHMS: z.string().default("ES256"),
    /** The access-token claim that identifies the user (User.oidcSubject): Entra ID's stable object id is "oid". */
    OIDC_SUBJECT_CLAIM: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be the name of a token claim, such as sub or oid").default("sub")),
    /**
     * What a bearer token's typ header must say: "at+jwt" requires it (RFC 9068 access tokens); the default
     * "at+jwt-if-present" also takes a token without one; "at+jwt-or-jwt" also takes typ "JWT" (Entra ID's access tokens).
     * In every case a token with an ID token's claims (nonce, at_hash, c_hash) is refused.
     */
    HUB_ACCESS_TOKEN_TYP: z.preprocess(emptyAsUndefined, z.enum(["at+jwt", "at+jwt-if-present", "at+jwt-or-jwt"]).default("at+jwt-if-present")),
    /** The portal's client at the partnership's provider (a public client: code flow with PKCE, no secret). */
    OIDC_PORTAL_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().default("hub-portal")),
    /** What the portal asks the partnership's provider for; add the scope that puts OIDC_AUDIENCE in the access token. */
    OIDC_PORTAL_SCOPE: z.preprocess(emptyAsUndefined, z.string().default("openid profile email")),
    HUB_SEED_DEMO: z.enum(["auto", "yes", "no"]).default("auto"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Requests a minute each client address may make to the public open feed (/openreferral). */
    OPEN_FEED_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
    /** Characters a GraphQL document may have (sent as text, or registered as a trusted document); refused before it is parsed. */
    HUB_MAX_DOCUMENT_LENGTH: z.coerce.number().int().min(1000).max(1_000_000).default(20_000),
    /**
     * The reverse proxies in front of the hub, comma-separated: IP addresses, CIDR blocks, "loopback", "private".
     * From these alone the hub believes X-Forwarded-For, for the audit log's client address and the limits per address.
     */
    HUB_TRUSTED_PROXIES: z.preprocess(emptyAsUndefined, z.string().default("loopback")),
    /** On SIGTERM: how long requests in flight may take to finish before their connections are cut. */
    HUB_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
    PORTAL_DIST: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_MIGRATION_URL"], message: "needs DATABASE_URL too: it is the owner's URL for migrating a PostgreSQL the hub serves from with DATABASE_URL" });
    }
    if (env.HUB_ENV === "production") {
      for (const key of ["DATABASE_URL", "OIDC_ISSUER", "OIDC_JWKS_URL", "PUBLIC_URL"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required in production` });
      }
    }
  });

export type AccessTokenTyp = "at+jwt" | "at+jwt-if-present" | "at+jwt-or-jwt";

export type HubConfig = Readonly<{
  env: "production" | "development" | "test";
  port: number;
  host: string;
  publicUrl: string;
  /** migrationUrl: the owner's URL, when the hub serves as a role that only inserts into the audit log. */
  database: { kind: "postgres"; url: string; migrationUrl?: string } | { kind: "pglite"; dataDir: string };
  dataDir: string;
  redisUrl: string | undefined;
  /** The start of every key the hub keeps in Redis (bull's queues, the shared rate limits). */
  redisKeyPrefix: string;
  rateLimits: {
    /** Per signed-in person, at the GraphQL endpoint. */
    user: RateLimitSetting;
    /** Failed sign-ins per client address. */
    failedSignIn: RateLimitSetting;
    /** Per integration client that has no limit of its own. */
    integration: RateLimitSetting;
    /** The integration clients, by the subject their tokens carry. */
    integrationClients: readonly IntegrationClientSetting[];
  };
  identity:
    | { kind: "embedded"; issuer: string; audience: string; keyDir: string; accessTokenTyp: AccessTokenTyp }
    | {
        kind: "external";
        issuer: string;
        audience: string;
        /** What the token's typ header must say (HUB_ACCESS_TOKEN_TYP). */
        accessTokenTyp: AccessTokenTyp;
        jwksUrl: string;
        algorithms: string[];
        /** The claim that identifies the user (default sub). */
        subjectClaim: string;
        /** How the portal signs in there (advertised to it at GET /portal-config.json). */
        portal: { clientId: string; scope: string };
      };
  seedDemo: "auto" | "yes" | "no";
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  portalDist: string;
  /** Requests a minute per client address to the open feed. */
  openFeedRateLimit: number;
  /** The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR blocks, "loopback", "private"). */
  trustedProxies: string[];
  /** Characters per GraphQL document, at the endpoint and when registering trusted documents. */
  maxDocumentLength: number;
  shutdownGraceSeconds: number;
}>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readConfig(source: Record<string, string | undefined> = process.env): HubConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`The hub's configuration is not valid:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.HUB_DATA_DIR);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return Object.freeze({
    env: env.HUB_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    database: env.DATABASE_URL
      ? { kind: "postgres" as const, url: env.DATABASE_URL, ...(env.DATABASE_MIGRATION_URL ? { migrationUrl: env.DATABASE_MIGRATION_URL } : {}) }
      : { kind: "pglite" as const, dataDir: path.join(dataDir, "pglite") },
    dataDir,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.HUB_REDIS_KEY_PREFIX,
    rateLimits: {
      user: env.HUB_USER_RATE_LIMIT,
      failedSignIn: env.HUB_FAILED_SIGN_IN_LIMIT,
      integration: env.HUB_INTEGRATION_RATE_LIMIT,
      integrationClients: env.HUB_INTEGRATION_CLIENTS,
    },
    identity:
      env.OIDC_ISSUER && env.OIDC_JWKS_URL
        ? {
            kind: "external" as const,
            issuer: env.OIDC_ISSUER,
            audience: env.OIDC_AUDIENCE,
            accessTokenTyp: env.HUB_ACCESS_TOKEN_TYP,
            jwksUrl: env.OIDC_JWKS_URL,
            algorithms: env.OIDC_ALGORITHMS.split(",").map((a) => a.trim()),
            subjectClaim: env.OIDC_SUBJECT_CLAIM,
            portal: { clientId: env.OIDC_PORTAL_CLIENT_ID, scope: env.OIDC_PORTAL_SCOPE.split(/\s+/).filter(Boolean).join(" ") },
          }
        : { kind: "embedded" as const, issuer: publicUrl, audience: env.OIDC_AUDIENCE, keyDir: path.join(dataDir, "keys"), accessTokenTyp: env.HUB_ACCESS_TOKEN_TYP },
    seedDemo: env.HUB_SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    portalDist: path.resolve(env.PORTAL_DIST ?? path.join(repoRoot, "apps/portal/dist")),
    openFeedRateLimit: env.OPEN_FEED_RATE_LIMIT,
    maxDocumentLength: env.HUB_MAX_DOCUMENT_LENGTH,
    trustedProxies: env.HUB_TRUSTED_PROXIES.split(",").map((p) => p.trim()).filter(Boolean),
    shutdownGraceSeconds: env.HUB_SHUTDOWN_GRACE_SECONDS,
  });
}
