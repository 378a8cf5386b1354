// In-memory rate limits: requests per signed-in user, requests to the public open feed per
// client address, and failed sign-ins per client address. In memory is enough for one hub
// process; several processes would each allow the full rate, which still bounds abuse. The
// address is clientAddress()'s (client-address.ts): a forged X-Forwarded-For changes nothing.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { errorResponse } from "./responses.js";

export interface RateLimit {
  /** How many requests (or failures) are allowed ... */
  points: number;
  /** ... in this many seconds. */
  durationSeconds: number;
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

/** Counts every request under a key: null while under the limit, then how many seconds to wait. */
export function createRateLimiter(keyPrefix: string, limit: RateLimit) {
  const limiter = new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.durationSeconds });
  return async (key: string): Promise<number | null> => {
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      return retrySeconds(rejection instanceof RateLimiterRes ? rejection.msBeforeNext : limit.durationSeconds * 1000);
    }
  };
}

/** Counts every request from one user; a 429 Response once they are over the limit. */
export function createActorRateLimiter(limit: RateLimit) {
  const limited = createRateLimiter("actor", limit);
  return async (userId: string): Promise<Response | null> => {
    const seconds = await limited(userId);
    return seconds === null ? null : tooManyRequests(seconds * 1000, "You have sent too many requests in a short time.");
  };
}

/** Counts only failed sign-ins from one address, and refuses that address once over the limit. */
export function createFailedAuthenticationLimiter(limit: RateLimit) {
  const limiter = new RateLimiterMemory({ keyPrefix: "failed-auth", points: limit.points, duration: limit.durationSeconds });
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
