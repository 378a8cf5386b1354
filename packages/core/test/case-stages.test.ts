import { refuseStageMove, STAGE_MOVES } from "@hub/core";
import { CaseStage } from "@hub/db";
import { describe, expect, it } from "vitest";

describe("case stage state machine", () => {
  it.each([
    ["REPORTED", "UNDER_INVESTIGATION", "POLICE"],
    ["UNDER_INVESTIGATION", "CHARGING_DECISION", "POLICE"],
    ["CHARGING_DECISION", "CHARGED", "CPS"],
    ["CHARGING_DECISION", "NO_FURTHER_ACTION", "CPS"],
    ["CHARGED", "AWAITING_TRIAL", "POLICE_WCU"],
    ["AWAITING_TRIAL", "DISCONTINUED", "CPS"],
    ["TRIAL", "VERDICT", "POLICE_WCU"],
    ["VERDICT", "SENTENCED", "CPS"],
    ["NO_FURTHER_ACTION", "UNDER_INVESTIGATION", "POLICE"],
    ["DISCONTINUED", "CHARGED", "CPS"],
  ] as const)("allows %s -> %s by %s", (from, to, by) => {
    expect(refuseStageMove(from, to, by)).toBeNull();
  });

  it.each([
    ["CHARGING_DECISION", "CHARGED", "POLICE", 'Only the CPS can move a case from "charging decision" to "charged".'],
    ["AWAITING_TRIAL", "DISCONTINUED", "POLICE_WCU", 'Only the CPS can move a case from "awaiting trial" to "discontinued".'],
    ["REPORTED", "SENTENCED", "POLICE", 'A case cannot go from "reported" to "sentenced". From "reported" it can go to: under investigation, no further action.'],
    ["CLOSED", "REPORTED", "POLICE", "This case is closed; its stage cannot change any more."],
    ["TRIAL", "VERDICT", "ISVA_SERVICE", 'Only the Witness Care Unit or the CPS can move a case from "trial" to "verdict".'],
  ] as const)("refuses %s -> %s by %s, saying why", (from, to, by, why) => {
    expect(refuseStageMove(from, to, by)).toBe(why);
  });

  it("covers every stage, and every stage but closed can be left", () => {
    expect(Object.keys(STAGE_MOVES).sort()).toEqual(Object.values(CaseStage).sort());
    for (const stage of Object.values(CaseStage)) expect(STAGE_MOVES[stage].length > 0).toBe(stage !== "CLOSED");
  });
});
