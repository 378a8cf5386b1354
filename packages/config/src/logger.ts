// The hub's logger. Log lines carry identifiers and error codes only: never victim data,
// never a database error's message (it can quote the values of a query).
import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "victims-hub" },
      redact: { paths: ["req.headers.authorization", "*.authorization", "token"], censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** What may be logged about an unexpected error: its kind, code and where it was thrown. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorKind: typeof error };
  const code = (error as { code?: unknown }).code;
  const isDatabaseError = error.name.startsWith("PrismaClient") || typeof code === "string" && /^P\d{4}$/.test(code);
  return {
    errorKind: error.name,
    code: typeof code === "string" ? code : undefined,
    message: isDatabaseError ? undefined : error.message,
    // Only the "at ..." lines: a message can run over several lines, and a database error's
    // quotes the values it was given (which may be a victim's).
    stack: error.stack?.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 5).join("\n"),
  };
}
