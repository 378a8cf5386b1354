// Who may record what a victim said about sharing, on her behalf, and how it is evidenced.
//
// - Anyone working on her case may record what she agreed to share with someone else: an
//   ISVA hearing "the Witness Care Unit can have my number" records it for the WCU.
// - An organisation recording that she agreed to share with ITSELF would widen its own
//   access: it must say how and when she said it (in person, on the phone...), and the record
//   is marked self-recorded, shown to the agency holding her data and to her named contact,
//   and marked in the access log. Without that evidence it is refused.
// - Taking something back from an organisation (keeping it back, withdrawing it) is recorded
//   by that organisation itself, by whoever recorded her agreement, or by her named contact.
//   Nobody else can cut another agency out of her case; keeping back what nobody holds
//   changes nothing and anyone on her case may record it.
import type { AccessPurpose, ConsentDecision, ConsentSaidHow, DataCategory, OrganisationKind } from "@hub/db";
import type { Actor } from "./actor.js";

export interface StatementToRecord {
  decision: ConsentDecision;
  category: DataCategory;
  /** null: every purpose. */
  purpose: AccessPurpose | null;
  /** Both null: everyone. */
  recipientOrganisationId: string | null;
  recipientKind: OrganisationKind | null;
}

/** One thing her statements add up to now, and the organisation that recorded it. */
export interface StandingGrant {
  organisationId: string;
  organisationKind: OrganisationKind;
  organisationName: string;
  category: DataCategory;
  purpose: AccessPurpose;
  recordedByOrganisationId: string;
}

export interface ConsentFacts {
  /** Everything her statements add up to now, for every organisation. */
  grants: readonly StandingGrant[];
  /** The person she chose as her named contact in her contact agreement. */
  namedContactUserId: string | null;
}

export interface HowSheSaidIt {
  saidHow: ConsentSaidHow | null;
  saidAt: Date | null;
}

export type RecordingVerdict =
  | { allowed: true; selfRecorded: boolean; narrows: StandingGrant[] }
  | { allowed: false; message: string; field: string };

/** Does a statement speak about this organisation? */
export const statementApplies = (s: Pick<StatementToRecord, "recipientOrganisationId" | "recipientKind">, organisationId: string, kind: OrganisationKind) =>
  s.recipientOrganisationId === organisationId || s.recipientKind === kind || (s.recipientOrganisationId === null && s.recipientKind === null);

/** The grants a set of statements would take away. */
export function grantsNarrowedBy(statements: readonly StatementToRecord[], grants: readonly StandingGrant[]): StandingGrant[] {
  return grants.filter((g) =>
    statements.some((s) => s.decision !== "GIVEN" && s.category === g.category && (s.purpose === null || s.purpose === g.purpose) && statementApplies(s, g.organisationId, g.organisationKind)),
  );
}

export function mayRecordStatements(actor: Actor, statements: readonly StatementToRecord[], facts: ConsentFacts, how: HowSheSaidIt): RecordingVerdict {
  const selfRecorded = statements.some((s) => s.decision === "GIVEN" && statementApplies(s, actor.organisationId, actor.organisationKind));
  if (selfRecorded && (!how.saidHow || !how.saidAt)) {
    return {
      allowed: false,
      field: how.saidHow ? "saidAt" : "saidHow",
      message:
        "This records that she agreed to share with your own organisation. Say how and when she told you: her named contact and the agency that holds her details will see it.",
    };
  }
  const narrows = grantsNarrowedBy(statements, facts.grants);
  const mayNarrow = (g: StandingGrant) => g.organisationId === actor.organisationId || g.recordedByOrganisationId === actor.organisationId || facts.namedContactUserId === actor.userId;
  const refused = narrows.find((g) => !mayNarrow(g));
  if (refused) {
    return {
      allowed: false,
      field: "recipient",
      message: `Only ${refused.organisationName} itself, the organisation that recorded her agreement, or her named contact can record that she no longer wants this shared with ${refused.organisationName}. Ask one of them to record it. Nothing was changed.`,
    };
  }
  return { allowed: true, selfRecorded, narrows };
}
