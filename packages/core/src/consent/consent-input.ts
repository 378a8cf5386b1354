// What a caseworker records when the victim says what may be shared (or kept back), and when
// she takes something back. Each becomes statements: one per category, recipient and purpose.
import { AccessPurpose, ConsentGivenBy, ConsentSaidHow, DataCategory, OrganisationKind } from "@hub/db";
import { z } from "zod";

const organisationId = z.uuid({ message: "Choose the organisation from the partnership's list." });

const scope = z
  .object({
    category: z.enum(DataCategory),
    purpose: z.enum(AccessPurpose),
    recipientOrganisationId: organisationId.nullish(),
    recipientKind: z.enum(OrganisationKind).nullish(),
  })
  .refine((s) => Boolean(s.recipientOrganisationId) !== Boolean(s.recipientKind), {
    message: "Each thing the victim agreed to names either one organisation or one kind of organisation, not both and not neither.",
  });

const withholding = z
  .object({
    category: z.enum(DataCategory),
    /** Both empty: from everyone. */
    fromOrganisationId: organisationId.nullish(),
    fromKind: z.enum(OrganisationKind).nullish(),
    /** Empty: for every purpose. */
    purpose: z.enum(AccessPurpose).nullish(),
    reason: z.string().trim().min(3, "Say briefly why this is being kept back.").max(500),
  })
  .refine((w) => !(w.fromOrganisationId && w.fromKind), { message: "Keep it back from one organisation, or from one kind of organisation, or from everyone: not both." });

/** How and when she said it: needed when an organisation records a consent for itself. */
const howSheSaidIt = {
  givenBy: z.enum(ConsentGivenBy),
  evidence: z.string().trim().min(3, "Say where the evidence is kept (for example the form reference).").max(200),
  saidHow: z.enum(ConsentSaidHow).nullish(),
  saidAt: z.coerce.date().nullish(),
};

export const RecordConsentInput = z
  .object({
    caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
    ...howSheSaidIt,
    explicit: z.boolean(),
    reviewDate: z.coerce.date().nullish(),
    scopes: z.array(scope).max(100).default([]),
    withholdings: z.array(withholding).max(50).default([]),
  })
  .refine((c) => c.scopes.length + c.withholdings.length > 0, { message: "Record at least one thing the victim agreed to share.", path: ["scopes"] })
  .refine((c) => c.explicit || !c.scopes.some((s) => s.category === "SPECIAL_CATEGORY"), {
    message: "Special category details (such as health or sexuality) can only be shared with the victim's explicit consent.",
    path: ["explicit"],
  });
export type RecordConsentInput = z.input<typeof RecordConsentInput>;

export const WithdrawConsentInput = z
  .object({
    caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
    ...howSheSaidIt,
    /** Whom she is taking it back from: one organisation, every organisation of a kind, or everyone. */
    recipientOrganisationId: organisationId.nullish(),
    recipientKind: z.enum(OrganisationKind).nullish(),
    fromEveryone: z.boolean().default(false),
    /** Empty: everything she has agreed to share with them. */
    categories: z.array(z.enum(DataCategory)).max(6).default([]),
    /** Empty: for every purpose. */
    purposes: z.array(z.enum(AccessPurpose)).max(8).default([]),
    reason: z.string().trim().max(500).nullish(),
  })
  .refine((w) => [Boolean(w.recipientOrganisationId), Boolean(w.recipientKind), w.fromEveryone].filter(Boolean).length === 1, {
    message: "Say whom she is withdrawing it from: one organisation, one kind of organisation, or everyone.",
    path: ["recipientOrganisationId"],
  });
export type WithdrawConsentInput = z.input<typeof WithdrawConsentInput>;
