// A partnership's own service standards for its areas, beyond the Victims' Code. The needs
// assessment recommends that the CPS contacts the victim directly when the police file
// reaches it; a partnership writes that down here (the case entering CHARGING_DECISION, owed
// by the CPS, in so many working days) and the hub times it on every case in the area like
// the Code's rights, labelled as local. The partnership body's administrators add and retire
// them for their own areas (the policy decides: service-standard-rules.ts). A standard is
// never changed once clocks may hang on it: retire it and add the new one, so each clock keeps
// the standard it was timed by. Words and numbers, not personal data: no audit entry, who did
// what stays on the row.
import { CaseStage, CaseUpdateType, type LocalServiceStandard, OrganisationKind } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError, ConflictError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { validate } from "../shared/validate.js";
import { notRetiredBy } from "../statutory-clocks/local-standard-clocks.js";

const MAX_DAYS = 60;

const Days = (what: string) =>
  z
    .number({ error: `Give the ${what} as a number of working days.` })
    .int(`Give the ${what} as a whole number of working days.`)
    .min(1, `The ${what} must be at least 1 working day.`)
    .max(MAX_DAYS, `The ${what} can be at most ${MAX_DAYS} working days.`);

const AddInput = z
  .object({
    areaId: z.string({ error: "Say which area the standard is for." }).refine(isUuid, "That is not an area the hub gave out."),
    name: z
      .string({ error: "Say what must happen, e.g. “The CPS contacts the victim when the police file reaches it”." })
      .transform((s) => s.trim().replace(/\s+/g, " "))
      .pipe(z.string().min(10, "Say what must happen in a few words (at least 10 characters).").max(200, "Keep what must happen to 200 characters.")),
    startsOnStage: z.enum(CaseStage, { error: "Choose the stage from the list." }).nullish(),
    startsOnUpdateType: z.enum(CaseUpdateType, { error: "Choose the kind of update from the list." }).nullish(),
    owedByKind: z.enum(OrganisationKind, { error: "Choose who owes it from the list." }).refine((k) => k !== "OTHER", "A standard is owed by an agency or a support service, not the partnership body."),
    workingDays: Days("time allowed"),
    enhancedWorkingDays: Days("time allowed for a victim with Enhanced Rights").nullish(),
  })
  .superRefine((v, issue) => {
    if ((v.startsOnStage == null) === (v.startsOnUpdateType == null)) {
      issue.addIssue({ code: "custom", path: ["startsOnStage"], message: "Choose one event that starts the clock: a stage the case enters, or a kind of update." });
    }
    if (v.enhancedWorkingDays != null && v.enhancedWorkingDays > v.workingDays) {
      issue.addIssue({ code: "custom", path: ["enhancedWorkingDays"], message: "A victim with Enhanced Rights is owed the same time or sooner, never longer." });
    }
  });

export type AddLocalServiceStandardInput = z.input<typeof AddInput>;

const RetireInput = z.object({
  id: z.string({ error: "Say which standard." }),
  reason: z
    .string({ error: "Say why it is retired." })
    .transform((s) => s.trim())
    .pipe(z.string().min(3, "Say why it is retired.").max(500, "Keep the reason to 500 characters.")),
});

async function loadArea(ctx: CoreContext, areaId: string) {
  const area = await ctx.prisma.area.findFirst({ where: { AND: [accessibleWhere(ctx.ability, "Area"), { id: areaId }] } });
  if (!area) throw new NotFoundError("area");
  return area;
}


export async function addLocalServiceStandard(ctx: CoreContext, input: AddLocalServiceStandardInput): Promise<LocalServiceStandard> {
  const data = validate(AddInput, input);
  const area = await loadArea(ctx, data.areaId);
  if (!ctx.ability.can("create", subject("LocalServiceStandard", { areaId: area.id } as never))) {
    throw new BadInputError(`Only the partnership's administrators for ${area.name} can add its service standards. Nothing was saved.`, "areaId");
  }
  const now = nowOf(ctx);
  const event = data.startsOnStage ? { startsOnStage: data.startsOnStage } : { startsOnUpdateType: data.startsOnUpdateType! };
  return ctx.prisma.$transaction(async (tx) => {
    // Two standards on the same event for the same kind of organisation would time one duty twice.
    const same = await tx.localServiceStandard.findFirst({ where: { areaId: area.id, owedByKind: data.owedByKind, ...event, ...notRetiredBy(now) }, select: { name: true } });
    if (same) {
      throw new BadInputError(`${area.name} already has a standard for that event owed by the same kind of organisation (“${same.name}”). Retire it first, then add the new one. Nothing was saved.`, "startsOnStage");
    }
    return tx.localServiceStandard.create({
      data: {
        areaId: area.id,
        name: data.name,
        ...event,
        owedByKind: data.owedByKind,
        workingDays: data.workingDays,
        enhancedWorkingDays: data.enhancedWorkingDays ?? data.workingDays,
        addedByUserId: ctx.actor.userId,
        addedByOrganisationId: ctx.actor.organisationId,
        createdAt: now,
      },
    });
  });
}

/** From now on the standard starts no clock; those it started run on and stay in the report. */
export async function retireLocalServiceStandard(ctx: CoreContext, input: { id: string; reason: string }): Promise<LocalServiceStandard> {
  const { id, reason } = validate(RetireInput, input);
  const row = isUuid(id) ? await ctx.prisma.localServiceStandard.findUnique({ where: { id } }) : null;
  if (!row || !ctx.ability.can("update", subject("LocalServiceStandard", row as never))) throw new NotFoundError("service standard");
  const now = nowOf(ctx);
  const { count } = await ctx.prisma.localServiceStandard.updateMany({ where: { id: row.id, retiredAt: null }, data: { retiredAt: now, retiredByUserId: ctx.actor.userId, retiredReason: reason } });
  if (count === 0) throw new ConflictError("This standard was already retired. Nothing was changed.");
  return ctx.prisma.localServiceStandard.findUniqueOrThrow({ where: { id: row.id } });
}

/** The standards of an area (or of every area), in force first, then the newest. */
export async function listLocalServiceStandards(ctx: CoreContext, options: { areaId?: string | null; includeRetired?: boolean | null } = {}): Promise<LocalServiceStandard[]> {
  if (options.areaId != null && !isUuid(options.areaId)) throw new NotFoundError("area");
  const now = nowOf(ctx);
  const rows = await ctx.prisma.localServiceStandard.findMany({
    where: { AND: [accessibleWhere(ctx.ability, "LocalServiceStandard"), options.areaId ? { areaId: options.areaId } : {}, options.includeRetired ? {} : notRetiredBy(now)] },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const retired = (s: LocalServiceStandard) => s.retiredAt !== null && s.retiredAt.getTime() <= now.getTime();
  return rows.sort((a, b) => Number(retired(a)) - Number(retired(b)));
}

/** Whether the caller may add standards for this area (for the portal's form). */
export const mayKeepLocalServiceStandards = (ctx: CoreContext, areaId: string) => ctx.ability.can("create", subject("LocalServiceStandard", { areaId } as never));
