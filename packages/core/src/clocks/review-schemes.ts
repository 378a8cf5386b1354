// The Victims' Right to Review schemes, as data (shared/domain/victims-code.md, "VRR"). The CPS
// and the police run separate schemes with different windows: the CPS asks her to request a
// review within 10 working days of being told (check; older guidance said 5) and considers
// requests up to 3 months after; the police scheme (NPCC, since April 2015) gives her 3 months
// from being told of the no-further-action decision, later at the force's discretion.
import type { CaseUpdateType } from "@hub/db";
import { dayOf, endOfLondonDay, isoDateOfDay, londonDay } from "./london-days.js";
import { addWorkingDays } from "./working-days.js";

export type ReviewSchemeName = "CPS" | "POLICE";

export interface ReviewScheme {
  /** Whose scheme it is, in the users' words. */
  name: string;
  /** The decisions it covers: telling her of one opens her window. */
  decisions: readonly CaseUpdateType[];
  /** The window she is told to ask within, from being told. */
  window: { workingDays: number } | { months: number };
  /** How long after being told a late request is still considered; null: at the agency's discretion. */
  lateRequestsConsideredFor: { months: number } | null;
}

export const REVIEW_SCHEMES: Readonly<Record<ReviewSchemeName, ReviewScheme>> = {
  CPS: {
    name: "CPS Victims' Right to Review scheme",
    // The CPS offering no evidence has no update type of its own yet.
    decisions: ["CPS_DECISION_NOT_TO_CHARGE", "CPS_DISCONTINUED"],
    window: { workingDays: 10 },
    lateRequestsConsideredFor: { months: 3 },
  },
  POLICE: {
    name: "Police Victims' Right to Review scheme",
    decisions: ["POLICE_NO_FURTHER_ACTION"],
    window: { months: 3 },
    lateRequestsConsideredFor: null,
  },
};

/** The scheme that covers a decision, or null when she cannot ask for it to be reviewed. */
export function reviewSchemeFor(decision: CaseUpdateType): ReviewSchemeName | null {
  for (const [name, scheme] of Object.entries(REVIEW_SCHEMES) as [ReviewSchemeName, ReviewScheme][]) {
    if (scheme.decisions.includes(decision)) return name;
  }
  return null;
}

/** The end of the last day of her window, London time, counted from when she was told. */
export function reviewWindowEnds(scheme: ReviewSchemeName, toldAt: Date): Date {
  const { window } = REVIEW_SCHEMES[scheme];
  if ("workingDays" in window) return addWorkingDays(toldAt, window.workingDays);
  return endOfLondonDay(addCalendarMonths(londonDay(toldAt), window.months));
}

/** The same date n months on; a day the month lacks becomes its last (31 January + 1 month: 28 or 29 February). */
function addCalendarMonths(day: number, n: number): number {
  const [year, month, date] = isoDateOfDay(day).split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + n, 1));
  const lastDate = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(date, lastDate));
}
