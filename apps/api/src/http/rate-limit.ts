// Rate limits: requests per signed-in user (an integration client's own, higher, limit), requests
// to the public open feed per client address, and failed sign-ins per client address. With
// Redis (REDIS_URL) every hub process counts in the same place, so two processes allow the
// limit once between them, not once each; without it (embedded mode, one process) they count
// in memory. The address is clientAddress()'s (client-address.ts): a forged X-Forwarded-For
// changes nothing.
import { once } from "node:events";
import type { Logger } from "@hub/config";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { errorResponse } from "./responses.js";

/** Where the counts are kept when every process of the hub shares them. */
export interface RateLimitStore {
  redis: Redis;
  /** The start of every key (HUB_REDIS_KEY_PREFIX, then ":rate-limit"). */
  keyPrefix: string;
}

export interface RateLimit {
  /** How many requests (or failures) are allowed ... */
  points: number;
  /** ... in this many seconds. */
  durationSeconds: number;
  /** Shared with the hub's other processes there; absent: counted in this process's memory. */
  store?: RateLimitStore;
}

export const DEFAULT_ACTOR_RATE_LIMIT: RateLimit = { points: 600, durationSeconds: 60 };
export const DEFAULT_FAILED_AUTHENTICATION_LIMIT: RateLimit = { points: 30, durationSeconds: 60 };
/** The open feed is anonymous: 2 a second on average per address is plenty for a directory finder. */
export const DEFAULT_OPEN_FEED_RATE_LIMIT: RateLimit = { points: 120, durationSeconds: 60 };

const retrySeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

export function tooManyRequests(msBeforeNext: number, message: string): Response {
  const seconds = retrySeconds(msBeforeNext);
  return errorResponse(429, `${message} Wait ${seconds} second${seconds === 1 ? "" : "s"}, then try again.`, "RATE_LIMITED", {
    "Retry-After": String(seconds),
  });
}

/**
 * The hub's connection to Redis for its rate limits, or null when it has no Redis. A command
 * waits at most COMMAND_TIMEOUT_MS, and none waits for a connection that is down: the limiter
 * falls back to memory at once instead (see limiterFor).
 */
export async function connectRateLimitStore(redisUrl: string | undefined, options: { keyPrefix: string; logger: Pick<Logger, "info" | "warn"> }): Promise<{ store: RateLimitStore; close(): Promise<void> } | null> {
  if (!redisUrl) return null;
  const keyPrefix = `${options.keyPrefix}:rate-limit`;
  // Named, so an operator's CLIENT LIST tells this connection from bull's.
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1, connectionName: keyPrefix });
  // Said once per change, not once per reconnection attempt. Never the URL: it may hold a password.
  let answering: boolean | null = null;
  const say = (now: boolean) => {
    if (now === answering) return;
    if (now && answering === false) options.logger.info({ rateLimits: "redis" }, "Redis answers again: rate limits are shared by the hub's processes again");
    if (!now) options.logger.warn({ rateLimits: "redis" }, "Redis is not answering: each hub process counts its rate limits in memory until it does");
    answering = now;
  };
  redis.on("ready", () => say(true));
  redis.on("error", () => say(false));
  // Start counting in Redis from the first request if it answers soon; if not, start anyway.
  const ready = once(redis, "ready").then(() => true, () => false);
  const waited = new Promise<false>((resolve) => setTimeout(() => resolve(false), CONNECT_WAIT_MS).unref());
  if (!(await Promise.race([ready, waited]))) say(false);
  return {
    store: { redis, keyPrefix },
    async close() {
      // Nothing is queued (no offline queue), so quit ends at once when connected; otherwise cut.
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

const COMMAND_TIMEOUT_MS = 500;
const CONNECT_WAIT_MS = 2000;

/**
 * One limit's counter. In Redis with an in-memory insurance limiter: while Redis is away (down,
 * or slower than COMMAND_TIMEOUT_MS) each process counts on its own, as one process always
 * did. Refusing every request then would take the hub down with Redis, and counting nothing
 * would lift the limits; counting per process keeps them, only looser by the number of processes.
 */
function limiterFor(name: string, limit: RateLimit): RateLimiterAbstract {
  const options = { keyPrefix: name, points: limit.points, duration: limit.durationSeconds };
  if (!limit.store) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    keyPrefix: `${limit.store.keyPrefix}:${name}`,
    storeClient: limit.store.redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/** Counts every request under a key: null while under the limit, then how many seconds to wait. */
export function createRateLimiter(keyPrefix: string, limit: RateLimit) {
  const limiter = limiterFor(keyPrefix, limit);
  return async (key: string): Promise<number | null> => {
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      return retrySeconds(rejection instanceof RateLimiterRes ? rejection.msBeforeNext : limit.durationSeconds * 1000);
    }
  };
}

/**
 * The agencies' systems that call the hub as one service account each (a WCU's case system, the
 * CPS's): known by the subject their tokens carry, each on a limit of its own (`limit`), or
 * `defaultLimit`. A person's limit would hold a whole agency's traffic to one person's pace.
 */
export interface IntegrationClientLimits {
  defaultLimit: RateLimit;
  clients: readonly { subject: string; limit?: RateLimit }[];
}

/**
 * Counts every request from one user; a 429 Response once they are over the limit. An
 * integration client (by its token's subject) is counted on its own limit instead.
 */
export function createActorRateLimiter(limit: RateLimit, integration?: IntegrationClientLimits) {
  const limited = createRateLimiter("actor", limit);
  // One counter per client: each may have its own limit, and there are a handful of them.
  const clients = new Map(
    (integration?.clients ?? []).map(({ subject, limit: own }) => {
      const { points, durationSeconds } = own ?? integration!.defaultLimit;
      return [subject, createRateLimiter(`integration:${subject}`, { points, durationSeconds, store: limit.store })];
    }),
  );
  return async (userId: string, subject?: string): Promise<Response | null> => {
    const client = subject === undefined ? undefined : clients.get(subject);
    if (client) {
      const seconds = await client(userId);
      return seconds === null ? null : tooManyRequests(seconds * 1000, "This integration client has sent too many requests in a short time.");
    }
    const seconds = await limited(userId);
    return seconds === null ? null : tooManyRequests(seconds * 1000, "You have sent too many requests in a short time.");
  };
}

/** Counts only failed sign-ins from one address, and refuses that address once over the limit. */
export function createFailedAuthenticationLimiter(limit: RateLimit, name = "failed-auth") {
  const limiter = limiterFor(name, limit);
  return {
    async refusal(address: string): Promise<Response | null> {
      const state = await limiter.get(address);
      if (!state || state.consumedPoints < limit.points) return null;
      return tooManyRequests(state.msBeforeNext, "Too many requests with an access token that is not valid came from your network.");
    },
    async recordFailure(address: string): Promise<void> {
      await limiter.consume(address).catch(() => {}); // over the limit rejects; the count still rises
    },
  };
}
