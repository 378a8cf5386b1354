// When the database does not answer, the hub says so plainly: 503 with Retry-After, in the
// GraphQL-over-HTTP error shape, and nothing was changed. Never a 500, never a stack.

/** Prisma's codes for "could not reach or keep the database", and PostgreSQL's for "shutting down / not accepting connections". */
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const POSTGRES_UNAVAILABLE = /^(08\d{3}|57P0[1-3]|53300)$/;
const NODE_UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const SAID = /Can't reach database|Connection terminated|connection (?:is )?closed|server closed the connection|not currently accepting connections|terminating connection|Timed out fetching a new connection/i;

/** Is this error the database being away (rather than a bug)? Looks through causes and driver errors. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { name?: string; code?: unknown; errno?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; meta?: { code?: unknown }; kind?: unknown };
  if (e.name === "PrismaClientInitializationError") return true;
  for (const code of [e.code, e.meta?.code, e.errno]) {
    if (typeof code !== "string") continue;
    if (PRISMA_UNREACHABLE.has(code) || POSTGRES_UNAVAILABLE.test(code) || NODE_UNREACHABLE.has(code)) return true;
  }
  if (typeof e.message === "string" && SAID.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1);
}

export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = "The hub cannot reach its database just now. Nothing was changed. Please try again in a few seconds.";

/** The answer while the database is away. */
export function unavailableResponse(): Response {
  return new Response(JSON.stringify({ errors: [{ message: UNAVAILABLE_MESSAGE, extensions: { code: "SERVICE_UNAVAILABLE" } }] }), {
    status: 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
  });
}
