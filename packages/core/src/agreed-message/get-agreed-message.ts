import type { CaseSummary } from "../cases/case-summary.js";
import { caseTimeline } from "../case-progress/case-timeline.js";
import { listHearings } from "../hearings/hearings.js";
import type { CoreContext } from "../shared/context.js";
import { agreedVictimMessage } from "./agreed-victim-message.js";

/** The agreed message for a case the caller has already been allowed to read. */
export async function getAgreedMessage(ctx: CoreContext, found: CaseSummary) {
  const [updates, hearings] = await Promise.all([caseTimeline(ctx, found.id, found.victimId), listHearings(ctx, found.id, found.victimId)]);
  return agreedVictimMessage({
    stage: found.stage,
    updates,
    hearings,
    involvements: found.involvements.map((i) => ({ capacity: i.capacity, organisationName: i.organisation.name, namedContact: i.namedContact })),
  });
}
