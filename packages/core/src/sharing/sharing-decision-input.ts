import { AccessPurpose, DataCategory, SharingDecisionOutcome } from "@hub/db";
import { z } from "zod";

const statement = (what: string) => z.string().trim().min(10, `Explain ${what} in a sentence or two.`).max(4000);

/** The ICO data-sharing request form, as the hub records it. */
export const RecordSharingDecisionInput = z.object({
  caseId: z.uuid({ message: "That is not a case reference the hub gave out." }),
  requestingOrganisationId: z.uuid(),
  receivingOrganisationId: z.uuid(),
  requesterName: z.string().trim().min(2).max(200),
  requesterRole: z.string().trim().min(2).max(200),
  categories: z.array(z.enum(DataCategory)).min(1, "Say which kinds of information the decision covers."),
  purpose: z.enum(AccessPurpose),
  lawfulBasisCode: z.string().trim().min(2),
  necessity: statement("why sharing is necessary"),
  specialCategoryCondition: z.string().trim().max(1000).nullish(),
  dsaId: z.uuid().nullish(),
  dpiaConsidered: z.boolean(),
  retention: z.string().trim().min(3, "Say how long the receiving organisation may keep the information.").max(500),
  outcome: z.enum(SharingDecisionOutcome),
  reasons: statement("the reasons for the decision"),
  expiresAt: z.coerce.date().nullish(),
});

export type RecordSharingDecisionInput = z.input<typeof RecordSharingDecisionInput>;
