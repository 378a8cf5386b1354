import type { AccessPurpose } from "@hub/db";
import type { CoreContext } from "./context.js";
import { BadInputError } from "./errors.js";

export const PURPOSE_HEADER = "x-access-purpose";

/** Case data is only read or changed for a stated reason (DPA 2018 s.62 logs record it). */
export function requirePurpose(ctx: CoreContext): AccessPurpose {
  if (!ctx.purpose) {
    throw new BadInputError(
      `Say why you are working on this case: send the ${PURPOSE_HEADER} header (for example KEEPING_VICTIM_INFORMED or SUPPORT_AND_ADVOCACY).`,
      "purpose",
    );
  }
  return ctx.purpose;
}
