// Which kind of organisation records which kind of update: each agency records what it
// is the source for, so victims hear one version of events. Anyone on a case may add a
// progress note.
import type { CaseUpdateType, OrganisationKind } from "@hub/db";

const POLICE_EVENTS: CaseUpdateType[] = [
  "SUSPECT_ARRESTED",
  "SUSPECT_INTERVIEWED",
  "SUSPECT_BAILED",
  "SUSPECT_RELEASED_UNDER_INVESTIGATION",
  "BAIL_CONDITIONS_CHANGED",
  "SUSPECT_CHARGED",
  "POLICE_NO_FURTHER_ACTION",
];
const CPS_EVENTS: CaseUpdateType[] = ["CPS_DECISION_NOT_TO_CHARGE", "CPS_DISCONTINUED", "CPS_CHARGE_ALTERED", "SUSPECT_CHARGED", "SPECIAL_MEASURES_OUTCOME"];
const COURT_EVENTS: CaseUpdateType[] = ["HEARING_LISTED", "HEARING_MOVED", "HEARING_VACATED", "VERDICT", "SENTENCE", "BAIL_CONDITIONS_CHANGED", "SPECIAL_MEASURES_OUTCOME"];

const BY_KIND: Partial<Record<OrganisationKind, CaseUpdateType[]>> = {
  POLICE: POLICE_EVENTS,
  CPS: [...CPS_EVENTS, ...COURT_EVENTS],
  POLICE_WCU: COURT_EVENTS,
};

export const updateTypesFor = (kind: OrganisationKind): CaseUpdateType[] => [...new Set([...(BY_KIND[kind] ?? []), "PROGRESS_NOTE" as const])];
