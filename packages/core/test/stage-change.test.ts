// Stages follow their events where the law makes it so; elsewhere the stage stays.
import { agenciesOnDutyAt, agreedVictimMessage, stageAfterEvent } from "@hub/core";
import type { CaseStage, CaseUpdateType } from "@hub/db";
import { describe, expect, it } from "vitest";

describe("the stage an event moves a case to", () => {
  const cases: [CaseUpdateType, CaseStage, CaseStage | null][] = [
    ["SUSPECT_ARRESTED", "REPORTED", "UNDER_INVESTIGATION"],
    ["SUSPECT_ARRESTED", "CHARGING_DECISION", null],
    ["SUSPECT_BAILED", "REPORTED", "UNDER_INVESTIGATION"],
    ["SUSPECT_CHARGED", "UNDER_INVESTIGATION", "CHARGED"],
    ["SUSPECT_CHARGED", "CHARGING_DECISION", "CHARGED"],
    ["SUSPECT_CHARGED", "NO_FURTHER_ACTION", "CHARGED"],
    ["SUSPECT_CHARGED", "SENTENCED", null],
    ["POLICE_NO_FURTHER_ACTION", "UNDER_INVESTIGATION", "NO_FURTHER_ACTION"],
    ["CPS_DECISION_NOT_TO_CHARGE", "CHARGING_DECISION", "NO_FURTHER_ACTION"],
    ["CPS_DISCONTINUED", "AWAITING_TRIAL", "DISCONTINUED"],
    ["CPS_DISCONTINUED", "REPORTED", null],
    ["VERDICT", "TRIAL", "VERDICT"],
    ["SENTENCE", "VERDICT", "SENTENCED"],
    ["SENTENCE", "CHARGED", "SENTENCED"],
    ["HEARING_LISTED", "CHARGED", null],
    ["PROGRESS_NOTE", "REPORTED", null],
  ];
  it.each(cases)("%s at %s → %s", (type, from, to) => {
    expect(stageAfterEvent(type, from)).toBe(to);
  });
});

describe("the agencies on duty at a stage", () => {
  it("brings the CPS at a charging decision and the WCU on charge, and nobody before", () => {
    expect(agenciesOnDutyAt("REPORTED")).toEqual([]);
    expect(agenciesOnDutyAt("UNDER_INVESTIGATION")).toEqual([]);
    expect(agenciesOnDutyAt("NO_FURTHER_ACTION")).toEqual([]);
    expect(agenciesOnDutyAt("CHARGING_DECISION")).toEqual(["CPS"]);
    expect(agenciesOnDutyAt("CHARGED")).toEqual(["CPS", "POLICE_WCU"]);
    expect(agenciesOnDutyAt("SENTENCED")).toEqual(["CPS", "POLICE_WCU"]);
    expect(agenciesOnDutyAt("DISCONTINUED")).toEqual(["CPS"]);
  });
});

describe("the named contact in the agreed message", () => {
  const involvements = [
    { capacity: "INVESTIGATING_POLICE" as const, organisationName: "Northshire Police", namedContact: { id: "mark", name: "DC Mark Lewis" } },
    { capacity: "WITNESS_CARE" as const, organisationName: "Northshire WCU", namedContact: { id: "priya", name: "Priya Shah" } },
    { capacity: "ISVA_SUPPORT" as const, organisationName: "Northshire Rape Crisis", namedContact: { id: "amira", name: "Amira Khan" } },
  ];
  const message = (chosenContactUserId: string | null) => agreedVictimMessage({ stage: "CHARGED", updates: [], hearings: [], involvements, chosenContactUserId }).namedContact;
  it("names the contact she chose while they are a named contact on her case, else her own advocate", () => {
    expect(message("priya")).toEqual({ name: "Priya Shah", organisation: "Northshire WCU" });
    expect(message(null)).toEqual({ name: "Amira Khan", organisation: "Northshire Rape Crisis" });
    expect(message("someone-who-left")).toEqual({ name: "Amira Khan", organisation: "Northshire Rape Crisis" });
  });
});
