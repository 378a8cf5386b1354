// Set-based form of "may this organisation hold her contact details", for the jobs that decide in
// one SQL statement for many cases and organisations at once (who hears of a contact outside her
// agreement, who keeps in touch with her). The same two grounds as the VictimContactDetails rule
// (casework-rules.ts, via conditions.ts grantWhere/decisionWhere): her consent grant to that
// organisation for the category, or an approved sharing decision for it still in force. Only
// the involvement test (is it on the case now) stays with the caller, who joins CaseInvolvement.
import type { DataCategory } from "@hub/db";

/** SQL column expressions naming the victim, case, organisation and the time to judge at. */
export interface ContactHolderColumns {
  victimId: string;
  caseId: string;
  organisationId: string;
  now: string;
}

const categoryList = (categories: readonly DataCategory[]) => categories.map((c) => `'${c}'`).join(", ");

/** A SQL condition true when the organisation may hold what these categories carry about her. */
export function mayHoldContactSql(at: ContactHolderColumns, categories: readonly DataCategory[] = ["CONTACT_DETAILS"]): string {
  const inList = categoryList(categories);
  return `(EXISTS (SELECT 1 FROM "ConsentGrant" g WHERE g."victimId" = ${at.victimId} AND g."organisationId" = ${at.organisationId} AND g.category IN (${inList}))
  OR EXISTS (
    SELECT 1 FROM "SharingDecision" d JOIN "SharingDecisionCategory" dc ON dc."decisionId" = d.id AND dc.category IN (${inList})
    WHERE d."caseId" = ${at.caseId} AND d."receivingOrganisationId" = ${at.organisationId} AND d.outcome = 'APPROVED' AND (d."expiresAt" IS NULL OR d."expiresAt" > ${at.now})))`;
}
