// Recording that she took something back. A withdrawal names what it withdraws: from whom
// (one organisation, every organisation of a kind, or everyone), which kinds of information
// (all she agreed to share with them, when none are named) and for which purposes (every
// purpose, when none are named). It is a record of its own, her latest word on those things,
// so it takes effect on the very next request and nothing else she said is touched.
import { DataCategory } from "@hub/db";
import { mayRecordStatements, type StatementToRecord } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, ConflictError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { validate } from "../shared/validate.js";
import { loadConsentFacts } from "./consent-facts.js";
import { WithdrawConsentInput } from "./consent-input.js";
import { caseForConsent, checkRecipientsExist, checkSaidAt, saveStatements } from "./record-consent.js";

export async function withdrawConsent(ctx: CoreContext, input: WithdrawConsentInput) {
  requirePurpose(ctx);
  const data = validate(WithdrawConsentInput, input);
  checkSaidAt(ctx, data.saidAt);
  const found = await caseForConsent(ctx, data.caseId);
  const recipient = { recipientOrganisationId: data.recipientOrganisationId ?? null, recipientKind: data.recipientKind ?? null };
  const categories = data.categories.length ? [...new Set(data.categories)] : Object.values(DataCategory);
  const purposes = data.purposes.length ? [...new Set(data.purposes)] : [null];
  const statements: (StatementToRecord & { reason: string | null })[] = categories.flatMap((category) =>
    purposes.map((purpose) => ({ decision: "WITHDRAWN" as const, category, purpose, ...recipient, reason: data.reason ?? null })),
  );
  const names = await checkRecipientsExist(ctx, statements, "recipientOrganisationId");
  const verdict = mayRecordStatements(ctx.actor, statements, await loadConsentFacts(ctx.prisma, found.victimId), { saidHow: data.saidHow ?? null, saidAt: data.saidAt ?? null });
  if (!verdict.allowed) {
    ctx.audit.record({ action: "DENIED", entityType: "Consent", caseId: found.id, victimId: found.victimId, outcome: "not-permitted" });
    throw new BadInputError(verdict.message, verdict.field);
  }
  if (verdict.narrows.length === 0) {
    const whom = recipient.recipientOrganisationId ? names.get(recipient.recipientOrganisationId) : recipient.recipientKind ? "that kind of organisation" : "anyone";
    throw new ConflictError(`She has not agreed to share that with ${whom} at the moment, so there is nothing to withdraw. Nothing was changed.`);
  }
  // Only what is being withdrawn is recorded: a category she never shared with them is not
  // "withdrawn", so her record says exactly what she took back.
  const taken = statements.filter((s) => verdict.narrows.some((g) => g.category === s.category && (s.purpose === null || s.purpose === g.purpose)));
  return saveStatements(ctx, found, data, taken, false, "ALTERATION");
}
