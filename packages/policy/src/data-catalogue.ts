// The catalogue of victim data: every field the hub keeps about a victim or her case belongs
// to exactly one of the six categories she gives or withholds consent for. The policy opens a
// field only with its category, a referral carries the fields of the categories it shares,
// and the audit log names fields as they are named here. A test fails when a field of any
// model is in no class, so a new column cannot slip past consent.
//
// Two classes are not hers to give: RECORD (identifiers, who recorded what and when: nothing
// about her) and GOVERNANCE (her choices about sharing and the decisions about it, which every
// agency on her case needs in order to respect them).
import type { DataCategory } from "@hub/db";

export type FieldClass = DataCategory | "RECORD" | "GOVERNANCE";

const record = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, "RECORD" as const]));
const as = <C extends FieldClass>(category: C, ...fields: string[]) => Object.fromEntries(fields.map((f) => [f, category]));

/** Models holding data about a victim or her case, field by field. */
export const VICTIM_DATA = {
  Victim: { ...record("id", "reference", "createdAt") },
  VictimIdentity: { ...record("victimId"), ...as("IDENTITY", "fullName", "preferredName", "dateOfBirth") },
  VictimContactDetails: { ...record("victimId"), ...as("CONTACT_DETAILS", "address", "postcode", "phone", "email") },
  // An earlier version of her identity or contact details is as protected as the details
  // themselves: `previous` takes the category of its kind (revisionCategory below).
  VictimDetailsRevision: { ...record("id", "victimId", "kind", "replacedAt", "replacedByUserId", "replacedByOrganisationId"), previous: "AS_REVISED", changedFields: "AS_REVISED" },
  VictimContactContract: {
    ...record("victimId", "agreedAt", "agreedByUserId", "agreedByOrganisationId", "version"),
    ...as("SAFE_CONTACT_RULES", "channels", "refusedChannels", "safeDays", "safeFrom", "safeUntil", "noVoicemail", "noLettersToHome", "neverFromWithheldNumber", "codeword", "updateFrequency", "detailLevel", "namedContactUserId"),
    ...as("NEEDS_AND_VULNERABILITIES", "language", "interpreterNeeded"),
    // What she needs because of a disability or her health: health data (UK GDPR Art 9).
    ...as("SPECIAL_CATEGORY", "accessibilityNeeds"),
  },
  EnhancedRightsAssessment: {
    ...record("id", "victimId", "assessedByUserId", "assessedByOrganisationId", "assessedAt"),
    ...as("NEEDS_AND_VULNERABILITIES", "eligible", "grounds", "serviceTier", "raisedAtVictimsWish", "reviewBy"),
  },
  ReassessmentOffer: { ...record("id", "victimId", "caseId", "raisedAt", "raisedByOrganisationId", "closedAt", "closedByAssessmentId"), ...as("NEEDS_AND_VULNERABILITIES", "reason") },
  Case: {
    ...record("id", "areaId", "victimId", "openedByUserId", "openedByOrganisationId", "version"),
    ...as("CASE_PROGRESS", "policeUrn", "cpsReference", "offenceCategory", "stage", "openedAt", "closedAt"),
  },
  CaseInvolvement: {
    ...record("id", "caseId", "organisationId", "namedContactUserId", "lawfulBasisCode", "consentId", "referralId", "addedByUserId", "addedByOrganisationId", "endedByUserId"),
    ...as("CASE_PROGRESS", "capacity", "since", "until", "basis", "endReason"),
  },
  ContactHandover: { ...record("id", "involvementId", "fromUserId", "toUserId", "byUserId", "at"), ...as("CASE_PROGRESS", "reason") },
  CaseStageChange: { ...record("id", "caseId", "causedByUpdateId", "byUserId", "byOrganisationId"), ...as("CASE_PROGRESS", "fromStage", "toStage", "cause", "reason", "at") },
  CaseUpdate: {
    ...record("id", "caseId", "recordedByUserId", "recordedByOrganisationId", "supersedesId", "createdAt"),
    ...as("CASE_PROGRESS", "type", "occurredAt", "receivedAt", "internalNote", "victimExplanation"),
  },
  CaseUpdateAcknowledgement: { ...record("updateId", "organisationId", "userId", "at") },
  CaseUpdatePlainLanguageAcceptance: { ...record("updateId", "organisationId", "userId", "at") },
  Hearing: { ...record("id", "caseId", "createdAt", "resultRecordedByOrganisationId", "resultWordsAcceptedByUserId", "resultWordsAcceptedAt"), ...as("CASE_PROGRESS", "court", "startsAt", "type", "outcome", "resultReceivedAt", "resultKind") },
  ContactRecord: {
    ...record("id", "caseId", "byUserId", "organisationId", "answersUpdateId", "signpostedServiceId", "createdAt"),
    ...as("CASE_PROGRESS", "at", "channel", "summary", "statutoryDuty", "statutoryDuties", "outcome", "victimResponse", "outsideAgreement", "outsideAgreementReason", "outsideAgreementNote"),
    // Which of her rules a contact did not fit names her rules: shown to her contact circle only.
    ...as("SAFE_CONTACT_RULES", "breachedRules"),
  },
  ContactRecordUpdate: { ...record("contactId", "updateId") },
  VictimQuestion: {
    ...record("id", "caseId", "relayedByUserId", "relayedByOrganisationId", "answeredByUserId", "answeredByOrganisationId"),
    ...as("CASE_PROGRESS", "askedAt", "forKind", "question", "dueBy", "answer", "answeredAt"),
  },
  StatutoryClock: {
    ...record("id", "caseId", "startedByUpdateId", "startedByHearingId", "startedByStageChangeId", "localStandardId", "satisfiedByContactId", "createdAt"),
    ...as("CASE_PROGRESS", "duty", "owedByKind", "enhanced", "startedAt", "dueAt", "satisfiedAt", "breachedAt", "stoppedAt", "stoppedReason"),
  },
  KeepInTouchTask: {
    ...record("id", "caseId", "organisationId", "assignedToUserId", "escalatedToUserId", "closedByContactId", "createdAt"),
    ...as("CASE_PROGRESS", "dueAt", "windowStartsAt", "suggestedMessage", "status", "escalatedAt", "completedAt", "closedReason"),
  },
  // A referral's own words go to the organisation it is sent to (that is what a referral is);
  // what it carries about her is the categories in ReferralShare, each needing her consent.
  Referral: {
    ...record("id", "caseId", "fromOrganisationId", "toOrganisationId", "toServiceId", "consentId", "sharingDecisionId", "createdByUserId", "createdAt", "version"),
    ...as("CASE_PROGRESS", "reason", "urgency", "status", "statusReason", "outcome", "outcomeInAgreedMessage"),
  },
  ReferralShare: { ...record("referralId"), category: "GOVERNANCE" },
  ReferralEvent: { ...record("id", "referralId", "byUserId", "byOrganisationId", "at"), ...as("CASE_PROGRESS", "fromStatus", "toStatus", "reason") },
  Consent: {
    ...record("id", "victimId", "capturedByUserId", "capturedByOrganisationId", "capturedAt"),
    ...as("GOVERNANCE", "givenBy", "evidence", "explicit", "reviewDate", "saidHow", "saidAt", "selfRecorded"),
  },
  ConsentStatement: {
    ...record("id", "seq", "consentId", "victimId"),
    ...as("GOVERNANCE", "decision", "category", "purpose", "recipientOrganisationId", "recipientKind", "statedAt", "reason"),
  },
  ConsentGrant: { ...record("victimId", "organisationId", "statementId", "consentId"), ...as("GOVERNANCE", "category", "purpose", "selfRecorded") },
  SharingDecision: {
    ...record("id", "caseId", "requestingOrganisationId", "receivingOrganisationId", "decidedByUserId", "decidedAt", "dsaId"),
    ...as("GOVERNANCE", "requesterName", "requesterRole", "purpose", "lawfulBasisCode", "necessity", "specialCategoryCondition", "dpiaConsidered", "retention", "outcome", "reasons", "expiresAt"),
  },
  SharingDecisionCategory: { ...record("decisionId"), category: "GOVERNANCE" },
} as const satisfies Record<string, Record<string, FieldClass | "AS_REVISED">>;

/**
 * Models that hold nothing about a victim, and why. Identifiers of cases and victims may
 * appear in them (the audit log, notifications, the outbox), never their data.
 */
export const NOT_VICTIM_DATA: Record<string, string> = {
  Area: "the partnership's areas",
  AreaGlossaryTerm: "plain-language words",
  LocalServiceStandard: "the partnership's own service standards",
  Organisation: "the partnership's members",
  OrganisationArea: "where members work",
  User: "staff",
  Membership: "staff",
  LawfulBasis: "the lawful bases a data protection officer keeps",
  DataSharingAgreement: "the agreement register",
  DsaParty: "the agreement register",
  AuditEvent: "the s.62 log: identifiers and field names only",
  TrustedDocument: "registered GraphQL operations",
  IdempotencyRecord: "identifiers and status only, never an answer's victim data",
  Notification: "identifiers only; its words are composed when read, under the reader's access",
  OutboxMessage: "identifiers only",
  ProvisioningClient: "identity provider connections",
  ProvisioningGroup: "identity provider groups",
  ProvisioningGroupMember: "identity provider groups",
  DirectoryOrganization: "the public services directory",
  DirectoryService: "the public services directory",
  DirectoryLocation: "the services directory (refuges are protected by the directory rules)",
  ServiceAtLocation: "the public services directory",
  DirectoryContact: "the public services directory",
  DirectoryPhone: "the public services directory",
  DirectorySchedule: "the public services directory",
  ServiceArea: "the public services directory",
  Taxonomy: "the public services directory",
  TaxonomyTerm: "the public services directory",
  ServiceAttribute: "the public services directory",
};

export type VictimDataModel = keyof typeof VICTIM_DATA;

/** The category of an earlier version of her details (VictimDetailsRevision.previous). */
export const revisionCategory = (kind: "IDENTITY" | "CONTACT_DETAILS"): DataCategory => kind;

/** The class of Model.field, or undefined when the catalogue does not know it. */
export function classOf(model: string, field: string): FieldClass | "AS_REVISED" | undefined {
  return (VICTIM_DATA as Record<string, Record<string, FieldClass | "AS_REVISED">>)[model]?.[field];
}

/** The fields (as "Model.field") of a model that belong to a category. */
export function fieldsOfCategory(model: VictimDataModel, category: DataCategory): string[] {
  return Object.entries(VICTIM_DATA[model] as Record<string, string>)
    .filter(([, c]) => c === category)
    .map(([f]) => f);
}

/** Every catalogued field of a category, across models, as the audit log names them. */
export function catalogueFieldsOf(category: DataCategory): string[] {
  return (Object.keys(VICTIM_DATA) as VictimDataModel[]).flatMap((model) => fieldsOfCategory(model, category).map((f) => `${model}.${f}`));
}

/**
 * Audit field names for what was read or written: each must be a catalogued "Model.field",
 * so the log and the policy speak of the same things. Throws on a name the catalogue lacks
 * (a programming error, caught by the tests).
 */
export function auditFieldNames(model: VictimDataModel, fields: readonly string[]): string[] {
  for (const f of fields) {
    if (!classOf(model, f)) throw new Error(`${model}.${f} is not in the data catalogue`);
  }
  return fields.map((f) => `${model}.${f}`);
}

/**
 * What a referral carries for each category it shares: the fields of that category in these
 * models, and nothing else. Her case's progress never travels with a referral (its timeline
 * is seen once the organisation works on her case and she agrees): sharing it says she agreed
 * the organisation may see it then.
 */
export const REFERRAL_PAYLOAD: Record<DataCategory, readonly VictimDataModel[]> = {
  IDENTITY: ["VictimIdentity"],
  CONTACT_DETAILS: ["VictimContactDetails"],
  SAFE_CONTACT_RULES: ["VictimContactContract"],
  NEEDS_AND_VULNERABILITIES: ["VictimContactContract", "EnhancedRightsAssessment"],
  SPECIAL_CATEGORY: ["VictimContactContract"],
  CASE_PROGRESS: [],
};

/** The audit field names of what a referral sharing these categories carries. */
export const referralPayloadFields = (categories: readonly DataCategory[]): string[] =>
  categories.flatMap((category) => REFERRAL_PAYLOAD[category].flatMap((model) => fieldsOfCategory(model, category).map((f) => `${model}.${f}`)));
