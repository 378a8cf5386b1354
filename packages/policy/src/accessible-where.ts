// The where-condition for "rows this ability may act on", for use in every Prisma query.
//
// Why not accessibleBy(...).ofType(...) directly: with no matching rule CASL returns
// { OR: [] }, and Prisma silently DROPS an empty OR inside AND: [...], so
// `where: { AND: [{ id }, { OR: [] }] }` matches the row instead of nothing (seen with
// Prisma 7.10 on PostgreSQL and PGlite). Here "no rule" becomes a condition that can never
// match, whatever it is combined with.
import type { Action, HubAbility, WhereInput } from "./casl-prisma.js";
import { accessibleBy } from "./casl-prisma.js";

type Queryable = "CaseInvolvement" | "Membership" | "ProvisioningClient" | "AreaGlossaryTerm" | "LocalServiceStandard" | "DirectoryService" | "DirectoryLocation" | "Referral" | "VictimContactContract" | "EnhancedRightsAssessment" | "Case" | "CaseUpdate" | "ContactRecord" | "VictimQuestion" | "Hearing" | "StatutoryClock" | "KeepInTouchTask" | "Organisation" | "Area" | "User" | "VictimIdentity" | "VictimContactDetails" | "Consent" | "SharingDecision" | "DataSharingAgreement" | "AuditEvent";

const NOTHING: { [K in Queryable]: WhereInput<K> } = {
  CaseInvolvement: { id: { in: [] } },
  Membership: { id: { in: [] } },
  ProvisioningClient: { id: { in: [] } },
  AreaGlossaryTerm: { id: { in: [] } },
  LocalServiceStandard: { id: { in: [] } },
  DirectoryService: { id: { in: [] } },
  DirectoryLocation: { id: { in: [] } },
  Referral: { id: { in: [] } },
  VictimContactContract: { victimId: { in: [] } },
  EnhancedRightsAssessment: { id: { in: [] } },
  Case: { id: { in: [] } },
  CaseUpdate: { id: { in: [] } },
  ContactRecord: { id: { in: [] } },
  VictimQuestion: { id: { in: [] } },
  Hearing: { id: { in: [] } },
  StatutoryClock: { id: { in: [] } },
  KeepInTouchTask: { id: { in: [] } },
  Organisation: { id: { in: [] } },
  Area: { id: { in: [] } },
  User: { id: { in: [] } },
  VictimIdentity: { victimId: { in: [] } },
  VictimContactDetails: { victimId: { in: [] } },
  Consent: { id: { in: [] } },
  SharingDecision: { id: { in: [] } },
  DataSharingAgreement: { id: { in: [] } },
  AuditEvent: { seq: { in: [] } },
};

export function accessibleWhere<K extends Queryable>(ability: HubAbility, type: K, action: Action = "read"): WhereInput<K> {
  const where = accessibleBy(ability, action).ofType(type) as WhereInput<K> & { OR?: unknown[] };
  const keys = Object.keys(where);
  if (keys.length === 1 && Array.isArray(where.OR) && where.OR.length === 0) return NOTHING[type] as WhereInput<K>;
  return where;
}
