import type { z } from "zod";
import { BadInputError } from "./errors.js";

/** Validates input before anything is written; the first problem becomes a typed, plain error. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new BadInputError(issue.message, issue.path.join(".") || undefined);
}
