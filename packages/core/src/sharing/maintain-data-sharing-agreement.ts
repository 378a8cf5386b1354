// Keeping the register of data-sharing agreements. Any party's admin may draft one; sign-off
// makes it ACTIVE, and from the very next request the policy lets the flows it covers happen.
// Suspending or ending it stops them just as fast, for every party, so an agreement that binds
// (or a draft that names) other organisations is the partnership's to change
// (agreement-governance.ts asks the policy, @hub/policy agreement-rules.ts, who may).
// Which moves are allowed is this file's:
//   DRAFT → ACTIVE (sign-off only) or ENDED (abandoned);
//   ACTIVE → SUSPENDED or ENDED; SUSPENDED → ACTIVE or ENDED; ENDED is final, and is done only
//   when the caller confirms it (confirmEnd).
// A party leaving an agreement that goes on binding the others is withdraw-from-data-sharing-agreement.ts.
// Every change is one transaction with its audit entry (identifiers and field names only),
// and carries the version the caller saw, so two admins cannot overwrite each other.
import { AccessPurpose, ControllerRole, DataCategory, type DsaStatus } from "@hub/db";
import { subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { validate } from "../shared/validate.js";
import {
  AGREEMENT as ENTITY,
  type AgreementChange,
  type AgreementRow,
  boundParties,
  findAgreementToChange,
  requireAgreementPower,
  requireConfirmedEnd,
  staleAgreement as stale,
} from "./agreement-governance.js";
import { agreementInclude, agreementViews, type DataSharingAgreementView, dayOf, isReviewDue } from "./agreement-view.js";

export { isReviewDue, type DataSharingAgreementView };

const text = (label: string, max: number) =>
  z
    .string({ error: `Give ${label}.` })
    .trim()
    .min(1, `Give ${label}.`)
    .max(max, `Keep ${label} to ${max.toLocaleString("en-GB")} characters.`);

const party = z.object({
  organisationId: z.string({ error: "Say which organisation is party to the agreement." }).refine(isUuid, "That is not an organisation the hub gave out."),
  controllerRole: z.enum(ControllerRole, { error: `Say whether the party is a ${Object.values(ControllerRole).join(", ")}.` }),
  lawfulBasisCode: text("the party's lawful basis", 60).transform((v) => v.toUpperCase()),
  specialCategoryCondition: z
    .string({ error: "Give the special category condition as text." })
    .trim()
    .max(300, "Keep the special category condition to 300 characters.")
    .transform((v) => (v === "" ? null : v))
    .nullish(),
});

const fields = {
  title: text("the agreement's title", 200),
  purposes: z
    .array(z.enum(AccessPurpose, { error: "That is not one of the hub's purposes." }), { error: "Give the purposes as a list." })
    .min(1, "Name at least one purpose the agreement covers.")
    .transform((list) => [...new Set(list)]),
  categories: z
    .array(z.enum(DataCategory, { error: "That is not one of the hub's kinds of information." }), { error: "Give the kinds of information as a list." })
    .min(1, "Name at least one kind of information the agreement covers.")
    .transform((list) => [...new Set(list)]),
  retention: text("how long shared information is kept", 1000),
  reviewDate: z.coerce.date({ error: "Give the review date as a date, such as 2027-03-31." }).transform(dayOf),
  parties: z
    .array(party, { error: "Give the parties as a list." })
    .min(1, "Name at least one party to the agreement.")
    .max(50, "An agreement can have at most 50 parties.")
    .refine((list) => new Set(list.map((p) => p.organisationId)).size === list.length, "Each organisation can be party to the agreement once only."),
};

const DraftInput = z.object({
  reference: text("the agreement's reference", 60)
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, "Give the reference in letters, digits and hyphens, such as NSH-ISA-2027.")),
  ...fields,
});
export type DraftDataSharingAgreementInput = z.input<typeof DraftInput>;

export const Id = z.string({ error: "Say which agreement." });
export const Version = z.number({ error: "Give the version you last saw." }).int("Give the version you last saw.").min(1, "Give the version you last saw.");

const UpdateInput = z.object({
  id: Id,
  expectedVersion: Version,
  title: fields.title.optional(),
  purposes: fields.purposes.optional(),
  categories: fields.categories.optional(),
  retention: fields.retention.optional(),
  reviewDate: fields.reviewDate.optional(),
  parties: fields.parties.optional(),
});
/** Fields left out are unchanged; parties, when given, replace the whole list. */
export type UpdateDataSharingAgreementInput = z.input<typeof UpdateInput>;

const SignOffInput = z.object({ id: Id, expectedVersion: Version, signedOffBy: text("the name of the person signing off the agreement", 200) });
export type SignOffDataSharingAgreementInput = z.input<typeof SignOffInput>;

const MOVES: Record<DsaStatus, DsaStatus[]> = { DRAFT: ["ENDED"], ACTIVE: ["SUSPENDED", "ENDED"], SUSPENDED: ["ACTIVE", "ENDED"], ENDED: [] };
const ChangeStatusInput = z.object({
  id: Id,
  expectedVersion: Version,
  to: z.enum(["ACTIVE", "SUSPENDED", "ENDED"], { error: "The status must be one of: ACTIVE, SUSPENDED, ENDED." }),
  confirmEnd: z.boolean({ error: "Give confirmEnd as true or false." }).optional(),
});
export type ChangeDataSharingAgreementStatusInput = z.input<typeof ChangeStatusInput>;

export async function view(db: Pick<CoreContext["prisma"], "dataSharingAgreement" | "user">, id: string): Promise<DataSharingAgreementView> {
  const [row] = await agreementViews(db, [await db.dataSharingAgreement.findUniqueOrThrow({ where: { id }, include: agreementInclude })]);
  return row!;
}

type PartyInput = z.infer<typeof party>;

/** Every party must be an organisation of the partnership, and the list one the caller could draft (the policy decides). */
async function checkParties(ctx: CoreContext, parties: PartyInput[], verb: "draft" | "change") {
  const orgs = await ctx.prisma.organisation.findMany({ where: { id: { in: parties.map((p) => p.organisationId) } }, select: { id: true, areas: { select: { areaId: true } } } });
  const unknown = parties.findIndex((p) => !orgs.some((o) => o.id === p.organisationId));
  if (unknown >= 0) throw new BadInputError("Choose each party from the partnership's organisations.", `parties.${unknown}.organisationId`);
  const withOrganisations = parties.map((p) => ({ ...p, withdrawnAt: null, organisation: orgs.find((o) => o.id === p.organisationId) }));
  if (!ctx.ability.can("create", subject(ENTITY, { status: "DRAFT", parties: withOrganisations } as never))) {
    throw new BadInputError(
      `Only the organisation admins of an organisation party to an agreement, or the partnership's admins, can ${verb} it: as an organisation admin, include your own organisation as a party; ` +
        `as a partnership administrator, choose organisations that serve only your partnership's areas. Nothing was ${verb === "draft" ? "added" : "changed"}.`,
      "parties",
    );
  }
}

const partyRows = (parties: PartyInput[]) =>
  parties.map((p) => ({ organisationId: p.organisationId, controllerRole: p.controllerRole, lawfulBasisCode: p.lawfulBasisCode, specialCategoryCondition: p.specialCategoryCondition ?? null }));

const fieldNames = (keys: string[]) => keys.map((k) => `${ENTITY}.${k}`);

/** A new agreement, in DRAFT: nothing flows under it until it is signed off. */
export async function draftDataSharingAgreement(ctx: CoreContext, input: DraftDataSharingAgreementInput): Promise<DataSharingAgreementView> {
  if (!ctx.actor.roles.includes("ORGANISATION_ADMIN") && !ctx.actor.roles.includes("PARTNERSHIP_ADMIN")) {
    throw new BadInputError("Only organisation admins and partnership administrators can draft a data-sharing agreement. Nothing was added.", "parties");
  }
  const { parties, ...data } = validate(DraftInput, input);
  await checkParties(ctx, parties, "draft");
  const existing = await ctx.prisma.dataSharingAgreement.findUnique({ where: { reference: data.reference }, select: { id: true } });
  if (existing) throw new BadInputError(`The register already has an agreement with the reference ${data.reference}. Choose another reference.`, "reference");
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const created = await tx.dataSharingAgreement.create({ data: { ...data, status: "DRAFT", parties: { create: partyRows(parties) } } });
      await writeAuditEntries(tx, [
        ctx.audit.entry({ action: "COLLECTION", entityType: ENTITY, entityId: created.id, fields: fieldNames([...Object.keys(data), "parties"]), outcome: "DRAFT" }),
      ]);
      return view(tx, created.id);
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new BadInputError(`The register already has an agreement with the reference ${data.reference}. Choose another reference.`, "reference");
    throw error;
  }
}

/** Changes a draft; an agreement in force is never edited (suspend or end it, and draft a new one). */
export async function updateDataSharingAgreement(ctx: CoreContext, input: UpdateDataSharingAgreementInput): Promise<DataSharingAgreementView> {
  const { id, expectedVersion, parties, ...changes } = validate(UpdateInput, input);
  const row = await findAgreementToChange(ctx, id, expectedVersion);
  const data = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const changed = [...Object.keys(data), ...(parties ? ["parties"] : [])];
  requireAgreementPower(ctx, row, changed, "change");
  if (row.status !== "DRAFT") {
    throw new BadInputError(`Only a draft agreement can be changed; this one is ${row.status}. Draft a new agreement instead. Nothing was changed.`, "id");
  }
  if (parties) await checkParties(ctx, parties, "change");
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.dataSharingAgreement.updateMany({ where: { id: row.id, version: expectedVersion, status: "DRAFT" }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) throw stale();
    if (parties) {
      await tx.dsaParty.deleteMany({ where: { dsaId: row.id } });
      await tx.dsaParty.createMany({ data: partyRows(parties).map((p) => ({ ...p, dsaId: row.id })) });
    }
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: ENTITY, entityId: row.id, fields: fieldNames(changed), outcome: "DRAFT" })]);
    return view(tx, row.id);
  });
}

/** Why the agreement cannot come into force as it stands, or null when it can. */
async function refuseSignOff(ctx: CoreContext, row: AgreementRow, now: Date): Promise<BadInputError | null> {
  // A party that withdrew from the draft is not bound by it, so it needs no basis or condition.
  const parties = boundParties(row);
  if (parties.length < 2) {
    return new BadInputError("An agreement needs at least two parties before it can be signed off: add the organisations that share under it.", "parties");
  }
  const known = await ctx.prisma.lawfulBasis.findMany({ where: { code: { in: parties.map((p) => p.lawfulBasisCode) }, active: true }, select: { code: true } });
  const unknown = parties.find((p) => !known.some((k) => k.code === p.lawfulBasisCode));
  if (unknown) {
    return new BadInputError(
      `${unknown.organisation.name}'s lawful basis (${unknown.lawfulBasisCode}) is not on the partnership's list of lawful bases. Choose one from the list before signing off.`,
      "parties.lawfulBasisCode",
    );
  }
  if (row.categories.includes("SPECIAL_CATEGORY")) {
    const without = parties.find((p) => !p.specialCategoryCondition);
    if (without) {
      return new BadInputError(
        `The agreement covers special category information, so every party needs a recorded condition (DPA 2018 Schedule 1 or s.35): ${without.organisation.name} has none.`,
        "parties.specialCategoryCondition",
      );
    }
  }
  if (isReviewDue(row.reviewDate, now)) return new BadInputError("The review date must be in the future: set when the agreement will next be reviewed.", "reviewDate");
  return null;
}

/** DRAFT → ACTIVE, signed off by a named person. From the next request, the flows it covers are allowed. */
export async function signOffDataSharingAgreement(ctx: CoreContext, input: SignOffDataSharingAgreementInput): Promise<DataSharingAgreementView> {
  const { id, expectedVersion, signedOffBy } = validate(SignOffInput, input);
  const row = await findAgreementToChange(ctx, id, expectedVersion);
  if (row.status !== "DRAFT") throw new BadInputError(`Only a draft agreement can be signed off; this one is ${row.status}. Nothing was changed.`, "id");
  requireAgreementPower(ctx, row, ["status", "signedOffBy"], "sign off");
  const now = new Date();
  const refusal = await refuseSignOff(ctx, row, now);
  if (refusal) throw refusal;
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.dataSharingAgreement.updateMany({
      where: { id: row.id, version: expectedVersion, status: "DRAFT" },
      data: { status: "ACTIVE", signedOffBy, signedOffAt: now, version: { increment: 1 } },
    });
    if (count === 0) throw stale();
    await writeAuditEntries(tx, [
      ctx.audit.entry({ action: "ALTERATION", entityType: ENTITY, entityId: row.id, fields: fieldNames(["status", "signedOffBy", "signedOffAt"]), outcome: "ACTIVE" }),
    ]);
    return view(tx, row.id);
  });
}

const CHANGE_TO: Record<"ACTIVE" | "SUSPENDED" | "ENDED", AgreementChange> = { ACTIVE: "reinstate", SUSPENDED: "suspend", ENDED: "end" };

/**
 * Suspends, reinstates or ends an agreement (or abandons a draft). Reinstating needs a review
 * date still ahead; an agreement due for review is ended and a new one drafted. ENDED is final,
 * so ending needs confirmEnd: true; without it the caller is told what ending would stop.
 */
export async function changeDataSharingAgreementStatus(ctx: CoreContext, input: ChangeDataSharingAgreementStatusInput): Promise<DataSharingAgreementView> {
  const { id, expectedVersion, to, confirmEnd } = validate(ChangeStatusInput, input);
  const row = await findAgreementToChange(ctx, id, expectedVersion);
  if (!MOVES[row.status].includes(to)) {
    const why =
      row.status === "ENDED"
        ? "This agreement has ended, and an ended agreement stays ended: draft a new one."
        : row.status === "DRAFT" && to === "ACTIVE"
          ? "A draft comes into force only by being signed off."
          : `An agreement that is ${row.status} cannot be made ${to}.`;
    throw new BadInputError(`${why} Nothing was changed.`, "to");
  }
  requireAgreementPower(ctx, row, ["status"], CHANGE_TO[to]);
  if (to === "ENDED") requireConfirmedEnd(row, confirmEnd);
  if (to === "ACTIVE" && isReviewDue(row.reviewDate)) {
    throw new BadInputError("This agreement is due for review, so it cannot be resumed: end it and draft a new one. Nothing was changed.", "to");
  }
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.dataSharingAgreement.updateMany({ where: { id: row.id, version: expectedVersion, status: row.status }, data: { status: to, version: { increment: 1 } } });
    if (count === 0) throw stale();
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: ENTITY, entityId: row.id, fields: fieldNames(["status"]), outcome: to })]);
    return view(tx, row.id);
  });
}
