// validate() for SCIM: the first problem becomes a 400 invalidValue whose detail is the
// schema's own message, which names the attribute and never the value sent.
import type { z } from "zod";
import { invalidValue } from "./scim-error.js";

export function scimValidate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.filter((p) => typeof p === "string").join(".");
  // Our messages name their attribute; zod's own (for a case we did not word) describe types, never values.
  throw invalidValue(where && !issue.message.includes(where) ? `${where}: ${issue.message}` : issue.message);
}
