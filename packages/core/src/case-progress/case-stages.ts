// The case's journey as a state machine: which stage may follow which, and which kind of
// organisation may make that move. Police investigate and may take no further action; the
// CPS decides on charge and may discontinue; the WCU and CPS follow the case through court.
import type { CaseStage, OrganisationKind } from "@hub/db";

type Move = { to: CaseStage; by: readonly OrganisationKind[] };

const POLICE = ["POLICE"] as const;
const CPS = ["CPS"] as const;
const COURT = ["POLICE_WCU", "CPS"] as const;

export const STAGE_MOVES: Record<CaseStage, readonly Move[]> = {
  REPORTED: [
    { to: "UNDER_INVESTIGATION", by: POLICE },
    { to: "NO_FURTHER_ACTION", by: POLICE },
  ],
  UNDER_INVESTIGATION: [
    { to: "CHARGING_DECISION", by: POLICE },
    { to: "CHARGED", by: POLICE },
    { to: "NO_FURTHER_ACTION", by: POLICE },
  ],
  CHARGING_DECISION: [
    { to: "CHARGED", by: CPS },
    { to: "NO_FURTHER_ACTION", by: CPS },
    { to: "UNDER_INVESTIGATION", by: CPS },
  ],
  CHARGED: [
    { to: "AWAITING_TRIAL", by: COURT },
    { to: "SENTENCED", by: COURT },
    { to: "DISCONTINUED", by: CPS },
  ],
  AWAITING_TRIAL: [
    { to: "TRIAL", by: COURT },
    { to: "SENTENCED", by: COURT },
    { to: "DISCONTINUED", by: CPS },
  ],
  TRIAL: [
    { to: "VERDICT", by: COURT },
    { to: "AWAITING_TRIAL", by: COURT },
  ],
  VERDICT: [
    { to: "SENTENCED", by: COURT },
    { to: "CLOSED", by: COURT },
  ],
  SENTENCED: [{ to: "CLOSED", by: [...COURT, "POLICE"] }],
  // A Victims' Right to Review can reopen a decision.
  NO_FURTHER_ACTION: [
    { to: "UNDER_INVESTIGATION", by: POLICE },
    { to: "CHARGED", by: CPS },
    { to: "CLOSED", by: [...POLICE, ...CPS] },
  ],
  DISCONTINUED: [
    { to: "CHARGED", by: CPS },
    { to: "CLOSED", by: COURT },
  ],
  CLOSED: [],
};

const words = (stage: CaseStage) => stage.toLowerCase().replaceAll("_", " ");

/** Why a move is not allowed, in words a caseworker understands; null when it is allowed. */
export function refuseStageMove(from: CaseStage, to: CaseStage, by: OrganisationKind): string | null {
  const move = STAGE_MOVES[from].find((m) => m.to === to);
  if (!move) {
    const options = STAGE_MOVES[from].map((m) => words(m.to));
    return options.length
      ? `A case cannot go from "${words(from)}" to "${words(to)}". From "${words(from)}" it can go to: ${options.join(", ")}.`
      : `This case is ${words(from)}; its stage cannot change any more.`;
  }
  if (!move.by.includes(by)) return `Only ${move.by.map((k) => k.replace("POLICE_WCU", "the Witness Care Unit").replace("POLICE", "the police").replace("CPS", "the CPS")).join(" or ")} can move a case from "${words(from)}" to "${words(to)}".`;
  return null;
}
