// A partnership's local service standards are timed as duties named "LOCAL:<standard id>",
// beside the Code's rights, so the same clock table, scan, ledger and compliance report
// serve both; what the duty says comes from the standard, not from DUTIES.
import { DUTIES, type DutyName } from "./duties.js";

const LOCAL_PREFIX = "LOCAL:";

export const localDutyName = (standardId: string) => `${LOCAL_PREFIX}${standardId}`;

/** The local standard's id when the duty is one, else null. */
export const localStandardIdOf = (duty: string): string | null => (duty.startsWith(LOCAL_PREFIX) ? duty.slice(LOCAL_PREFIX.length) : null);

/** Where a duty comes from: the Victims' Code, the hub's partnership-wide standard, or one an area added. */
export type DutySource = "VICTIMS_CODE" | "SERVICE_STANDARD" | "LOCAL_STANDARD";

export function dutySource(duty: string): DutySource {
  if (localStandardIdOf(duty)) return "LOCAL_STANDARD";
  return Object.hasOwn(DUTIES, duty) ? DUTIES[duty as DutyName].source : "SERVICE_STANDARD";
}

/** What must happen, in the users' words: the Code's wording, or the name the partnership gave its standard. */
export function dutyWhat(duty: string, localStandardName?: string | null): string {
  if (Object.hasOwn(DUTIES, duty)) return DUTIES[duty as DutyName].what;
  if (localStandardIdOf(duty)) return localStandardName ? `${localStandardName} (local service standard)` : "A local service standard";
  return duty;
}
