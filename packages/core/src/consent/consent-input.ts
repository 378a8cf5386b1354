import { AccessPurpose, ConsentGivenBy, DataCategory, OrganisationKind } from "@hub/db";
import { z } from "zod";

const scope = z
  .object({
    category: z.enum(DataCategory),
    purpose: z.enum(AccessPurpose),
    recipientOrganisationId: z.uuid({ message: "Choose the organisation from the partnership's list." }).nullish(),
    recipientKind: z.enum(OrganisationKind).nullish(),
  })
  .refine((s) => Boolean(s.recipientOrganisationId) !== Boolean(s.recipientKind), {
    message: "Each thing the victim agreed to names either one organisation or one kind of organisation, not both and not neither.",
  });

export const RecordConsentInput = z
  .object({
    caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
    givenBy: z.enum(ConsentGivenBy),
    evidence: z.string().trim().min(3, "Say where the evidence of consent is kept (for example the form reference).").max(200),
    explicit: z.boolean(),
    reviewDate: z.coerce.date().nullish(),
    scopes: z.array(scope).min(1, "Record at least one thing the victim agreed to share.").max(100),
    withholdings: z
      .array(
        z.object({
          category: z.enum(DataCategory),
          fromOrganisationId: z.uuid().nullish(),
          reason: z.string().trim().min(3, "Say briefly why this is being withheld.").max(500),
        }),
      )
      .max(50)
      .default([]),
  })
  .refine((c) => c.explicit || !c.scopes.some((s) => s.category === "SPECIAL_CATEGORY"), {
    message: "Special category details (such as health or sexuality) can only be shared with the victim's explicit consent.",
    path: ["explicit"],
  });

export type RecordConsentInput = z.input<typeof RecordConsentInput>;
