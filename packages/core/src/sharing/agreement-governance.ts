// Who may change a data-sharing agreement is the policy's decision (@hub/policy
// agreement-rules.ts). This file asks it, and tells the caller plainly when the answer is no:
// "not found" to whoever has no say in the agreement at all; to a party's admin, that an
// agreement binding others is the partnership's to change (and how to leave it instead).
// Every refusal is audited; nothing is written.
import type { DataSharingAgreement, DsaParty, Organisation } from "@hub/db";
import { subject } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { agreementInclude } from "./agreement-view.js";

export const AGREEMENT = "DataSharingAgreement";

export type AgreementRow = DataSharingAgreement & { parties: (DsaParty & { organisation: Organisation & { areas: { areaId: string }[] } })[] };

export const staleAgreement = () => new ConflictError("This agreement was changed after you opened it. Nothing was changed: reload it and try again.");

/** The parties the agreement still binds: those that have not withdrawn. */
export const boundParties = (row: AgreementRow) => row.parties.filter((p) => p.withdrawnAt === null);

export const ownParty = (ctx: CoreContext, row: AgreementRow) => row.parties.find((p) => p.organisationId === ctx.actor.organisationId);

const mayWithdraw = (ctx: CoreContext, row: AgreementRow) => {
  const own = ownParty(ctx, row);
  return own !== undefined && ctx.ability.can("update", subject("DsaParty", { ...own } as never), "withdrawnAt");
};

/**
 * The agreement, as of the version the caller saw, if they have any say in it (they may change
 * some part of it, or withdraw their organisation from it); otherwise "not found", exactly as
 * for an unknown id.
 */
export async function findAgreementToChange(ctx: CoreContext, id: string, expectedVersion: number): Promise<AgreementRow> {
  const row = isUuid(id) ? await ctx.prisma.dataSharingAgreement.findUnique({ where: { id }, include: agreementInclude }) : null;
  if (!row || !(ctx.ability.can("update", subject(AGREEMENT, row as never)) || mayWithdraw(ctx, row))) {
    ctx.audit.record({ action: "DENIED", entityType: AGREEMENT, entityId: isUuid(id) ? id : null, outcome: "not-found-or-not-permitted" });
    throw new NotFoundError("data-sharing agreement");
  }
  if (row.version !== expectedVersion) throw staleAgreement();
  return row;
}

/** The caller's own organisation's place in the agreement, which only its organisation admins may give up. */
export function requireOwnParty(ctx: CoreContext, row: AgreementRow) {
  const own = ownParty(ctx, row);
  if (!own) throw new BadInputError("Your organisation is not a party to this agreement, so there is nothing to withdraw it from. Nothing was changed.", "id");
  if (!mayWithdraw(ctx, row)) {
    ctx.audit.record({ action: "DENIED", entityType: AGREEMENT, entityId: row.id, fields: ["DsaParty.withdrawnAt"], outcome: "not-permitted" });
    throw new BadInputError("Only your organisation's admins can withdraw it from an agreement. Nothing was changed.", "id");
  }
  return own;
}

/** What the caller is doing to the agreement, in the words of the refusal. */
export type AgreementChange = "change" | "sign off" | "suspend" | "reinstate" | "end";

/**
 * Refuses, audited, unless the policy lets the caller change these parts (fields) of the
 * agreement (with none named, the agreement at all). Whoever gets this far has a say in it
 * (findAgreementToChange), so a refusal here is one party's admin told plainly who can.
 */
export function requireAgreementPower(ctx: CoreContext, row: AgreementRow, fields: string[], change: AgreementChange) {
  const may = (field?: string) => ctx.ability.can("update", subject(AGREEMENT, row as never), field);
  if (fields.length === 0 ? may() : fields.every((field) => may(field))) return;
  ctx.audit.record({ action: "DENIED", entityType: AGREEMENT, entityId: row.id, fields: fields.map((f) => `${AGREEMENT}.${f}`), outcome: "not-permitted" });
  throw new BadInputError(`${refusal(ctx, row, change)} Nothing was changed.`, "id");
}

function refusal(ctx: CoreContext, row: AgreementRow, change: AgreementChange): string {
  if (change === "sign off") {
    return "Signing an agreement off binds every party to it, so only the partnership's administrators for the areas all its parties serve can sign it off.";
  }
  if (ownParty(ctx, row)?.withdrawnAt) return `Your organisation has withdrawn from this agreement, so it is no longer yours to ${change}: the partnership's administrators can.`;
  const others = boundParties(row).filter((p) => p.organisationId !== ctx.actor.organisationId).length;
  const draft = row.status === "DRAFT";
  return (
    `This ${draft ? "draft names" : "agreement binds"} ${others === 1 ? "another organisation" : `${others} other organisations`} as well as yours, so one party cannot ${change} it for them: ` +
    `the partnership's administrators for the areas they serve can. ${draft ? "To take your organisation out of it" : "To stop sharing under it yourselves"}, withdraw your organisation from it.`
  );
}

/** Ending is final, so it is done only when the caller says they mean it. */
export function requireConfirmedEnd(row: AgreementRow, confirmEnd: boolean | undefined) {
  if (confirmEnd === true) return;
  if (row.status === "DRAFT") {
    throw new BadInputError("Ending a draft is final: it can never be signed off. To end it, send confirmEnd: true. Nothing was changed.", "confirmEnd");
  }
  const names = boundParties(row).map((p) => p.organisation.name);
  const whom = names.length === 1 ? `the organisation it binds (${names[0]})` : `the ${names.length} organisations it binds (${names.join(", ")})`;
  throw new BadInputError(
    `Ending an agreement is final: it can never be resumed, and the sharing it allows stops at once for ${whom}. ` +
      "To pause sharing instead, suspend it. To end it, send confirmEnd: true. Nothing was changed.",
    "confirmEnd",
  );
}
