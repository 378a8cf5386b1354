// The partnership's organisations and the areas they serve, kept by its administrators for
// their own areas only (the policy's rule: an organisation all of whose areas are theirs).
// Deactivating an organisation stops its people on their next request (loadActor).
import { LegalType, OrganisationKind } from "@hub/db";
import { accessibleWhere, isStatutory, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { validate } from "../shared/validate.js";

const name = z.string({ error: "Give the organisation's name." }).trim().min(3, "Give the organisation's full name.").max(200, "Keep the name to 200 characters.");
const areaIds = z.array(z.uuid({ message: "Choose the areas from the list." }), { error: "Choose the areas it serves." }).min(1, "Choose at least one area it serves.").max(50);

const CreateOrganisationInput = z.object({
  name,
  kind: z.enum(OrganisationKind, { error: "Choose what kind of organisation it is." }),
  legalType: z.enum(LegalType).nullish(),
  areaIds,
});
export type CreateOrganisationInput = z.input<typeof CreateOrganisationInput>;

const UpdateOrganisationInput = z.object({
  id: z.uuid({ message: "That is not an organisation the hub gave out." }),
  name: name.optional(),
  areaIds: areaIds.optional(),
  active: z.boolean().optional(),
});
export type UpdateOrganisationInput = z.input<typeof UpdateOrganisationInput>;

/** The legal type that goes with the kind: it decides the lawful basis the organisation can rely on. */
function legalTypeFor(kind: OrganisationKind, given: LegalType | null | undefined): LegalType {
  const expected: LegalType = isStatutory(kind) ? "COMPETENT_AUTHORITY" : kind === "OTHER" ? (given ?? "PUBLIC_BODY") : "VOLUNTARY_SECTOR";
  if (given && given !== expected && kind !== "OTHER") throw new BadInputError(`This kind of organisation is a ${expected.toLowerCase().replaceAll("_", " ")}.`, "legalType");
  return given ?? expected;
}

async function checkAreas(ctx: CoreContext, ids: string[]) {
  const found = await ctx.prisma.area.count({ where: { id: { in: ids } } });
  if (found !== new Set(ids).size) throw new BadInputError("Choose the areas from the list.", "areaIds");
}

const organisationInclude = { areas: { include: { area: true } } } as const;

export async function createOrganisation(ctx: CoreContext, input: CreateOrganisationInput) {
  const data = validate(CreateOrganisationInput, input);
  await checkAreas(ctx, data.areaIds);
  if (!ctx.ability.can("create", subject("Organisation", { areas: data.areaIds.map((areaId) => ({ areaId })) } as never))) {
    throw new BadInputError("Only a partnership administrator can add an organisation, and only in the areas their partnership serves.", "areaIds");
  }
  if (await ctx.prisma.organisation.count({ where: { name: { equals: data.name, mode: "insensitive" } } })) {
    throw new BadInputError("The partnership already has an organisation with that name.", "name");
  }
  const legalType = legalTypeFor(data.kind, data.legalType);
  return ctx.prisma.$transaction(async (tx) => {
    const created = await tx.organisation.create({
      data: { name: data.name, kind: data.kind, legalType, areas: { create: [...new Set(data.areaIds)].map((areaId) => ({ areaId })) } },
      include: organisationInclude,
    });
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "COLLECTION", entityType: "Organisation", entityId: created.id, fields: ["Organisation.name", "Organisation.kind", "Organisation.legalType", "Organisation.areas"] })]);
    return created;
  });
}

export async function updateOrganisation(ctx: CoreContext, input: UpdateOrganisationInput) {
  const data = validate(UpdateOrganisationInput, input);
  const row = await ctx.prisma.organisation.findUnique({ where: { id: data.id }, include: { areas: { select: { areaId: true } } } });
  if (!row || !ctx.ability.can("update", subject("Organisation", row))) throw new NotFoundError("organisation");
  if (data.areaIds) {
    await checkAreas(ctx, data.areaIds);
    if (!ctx.ability.can("update", subject("Organisation", { ...row, areas: data.areaIds.map((areaId) => ({ areaId })) } as never))) {
      throw new BadInputError("Choose only areas your partnership serves.", "areaIds");
    }
  }
  if (data.active === false && row.id === ctx.actor.organisationId) throw new BadInputError("You cannot deactivate your own organisation. Ask another administrator.", "active");
  if (data.name && data.name !== row.name && (await ctx.prisma.organisation.count({ where: { name: { equals: data.name, mode: "insensitive" }, id: { not: row.id } } }))) {
    throw new BadInputError("The partnership already has an organisation with that name.", "name");
  }
  const changed = Object.entries({ name: data.name, active: data.active, areas: data.areaIds }).filter(([, v]) => v !== undefined).map(([k]) => `Organisation.${k}`);
  if (changed.length === 0) throw new BadInputError("Nothing has changed.", "name");
  return ctx.prisma.$transaction(async (tx) => {
    await tx.organisation.update({ where: { id: row.id }, data: { ...(data.name ? { name: data.name } : {}), ...(data.active !== undefined ? { active: data.active } : {}) } });
    if (data.areaIds) {
      await tx.organisationArea.deleteMany({ where: { organisationId: row.id } });
      await tx.organisationArea.createMany({ data: [...new Set(data.areaIds)].map((areaId) => ({ organisationId: row.id, areaId })) });
    }
    await writeAuditEntries(tx, [ctx.audit.entry({ action: "ALTERATION", entityType: "Organisation", entityId: row.id, fields: changed })]);
    return tx.organisation.findUniqueOrThrow({ where: { id: row.id }, include: organisationInclude });
  });
}

/** The organisations the caller administers: in their areas (partnership administrators) or their own (organisation admins). */
export function listAdministeredOrganisations(ctx: CoreContext) {
  const own = ctx.actor.roles.includes("ORGANISATION_ADMIN") ? [{ id: ctx.actor.organisationId }] : [];
  return ctx.prisma.organisation.findMany({
    where: { OR: [accessibleWhere(ctx.ability, "Organisation", "update"), ...own] },
    include: organisationInclude,
    orderBy: [{ active: "desc" }, { name: "asc" }],
  });
}

