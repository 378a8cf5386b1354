// Keeping the directory trustworthy: each organisation's admins maintain their own services,
// the partnership's directory admins any (the policy says who; every write checks the row).
// Directory data is about services, not people: no stated purpose, no audit entry.
import { subject } from "@hub/policy";
import { z } from "zod";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { validate } from "../shared/validate.js";
import { getDirectoryService } from "./get-directory-service.js";
import type { DirectoryServiceView } from "./directory-service-view.js";

export const DIRECTORY_SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily closed"] as const;

/** Optional text: blank clears it. */
const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `Keep ${label} to ${max.toLocaleString("en-GB")} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullish();

const age = (label: string) =>
  z
    .number({ error: `Give the ${label} in whole years.` })
    .int(`Give the ${label} in whole years.`)
    .min(0, `The ${label} cannot be below 0.`)
    .max(120, `The ${label} cannot be above 120.`)
    .nullish();

const mainFields = {
  name: z.string({ error: "Give the service's name." }).trim().min(1, "Give the service's name.").max(200, "Keep the name to 200 characters."),
  description: z.string({ error: "Say what the service does." }).trim().min(1, "Say what the service does, in a sentence or two.").max(4000, "Keep the description to 4,000 characters."),
  url: z
    .string({ error: "Give the website as a full address, such as https://example.org." })
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.url({ protocol: /^https?$/, error: "Give the website as a full address, such as https://example.org." }).nullable())
    .nullish(),
  email: z
    .string({ error: "That is not an email address." })
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.email({ error: "That is not an email address." }).nullable())
    .nullish(),
  status: z.enum(DIRECTORY_SERVICE_STATUSES, { error: `The status must be one of: ${DIRECTORY_SERVICE_STATUSES.join(", ")}.` }),
  eligibilityDescription: optionalText(2000, "who the service is for"),
  minimumAge: age("minimum age"),
  maximumAge: age("maximum age"),
  languages: z
    .array(z.string({ error: "Give each language by name, such as Polish or BSL." }).trim().min(1, "Give each language by name, such as Polish or BSL.").max(60, "That is not a language name."), {
      error: "Give the languages as a list.",
    })
    .max(40, "List at most 40 languages.")
    .transform((list) => [...new Set(list)]),
  waitTime: optionalText(200, "the waiting time"),
  alert: optionalText(500, "the alert"),
  capacityNote: optionalText(500, "the capacity note"),
  acceptingReferrals: z.boolean({ error: "Say whether the service is accepting referrals." }),
  selfReferral: z.boolean({ error: "Say whether people can refer themselves." }),
  professionalReferral: z.boolean({ error: "Say whether professionals can refer." }),
};

const agesInOrder = (v: { minimumAge?: number | null; maximumAge?: number | null }) => v.minimumAge == null || v.maximumAge == null || v.minimumAge <= v.maximumAge;
const AGES_MESSAGE = "The minimum age must not be above the maximum age.";

const phone = z.object({
  number: z
    .string({ error: "Give the phone number." })
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, "Give the phone number in digits, such as 01632 960123."),
  description: optionalText(200, "the phone's description"),
});

const CreateDirectoryServiceInput = z
  .object({
    organisationId: z.string({ error: "Say which organisation runs the service." }).refine(isUuid, "That is not a directory organisation the hub gave out."),
    ...mainFields,
    status: mainFields.status.default("active"),
    languages: mainFields.languages.default([]),
    acceptingReferrals: mainFields.acceptingReferrals.default(true),
    selfReferral: mainFields.selfReferral.default(true),
    professionalReferral: mainFields.professionalReferral.default(true),
    phones: z.array(phone).max(10, "Give at most 10 phone numbers.").default([]),
    /** Codes of the hub's areas the service covers, e.g. NSH. */
    serviceAreaCodes: z.array(z.string().trim().toUpperCase()).max(20).default([]),
    taxonomyTermIds: z.array(z.string().refine(isUuid, "That is not a taxonomy term the hub gave out.")).max(50).default([]),
  })
  .refine(agesInOrder, { message: AGES_MESSAGE, path: ["minimumAge"] });
export type CreateDirectoryServiceInput = z.input<typeof CreateDirectoryServiceInput>;

const UpdateDirectoryServiceInput = z
  .object({
    id: z.string(),
    name: mainFields.name.optional(),
    description: mainFields.description.optional(),
    url: mainFields.url,
    email: mainFields.email,
    status: mainFields.status.optional(),
    eligibilityDescription: mainFields.eligibilityDescription,
    minimumAge: mainFields.minimumAge,
    maximumAge: mainFields.maximumAge,
    languages: mainFields.languages.optional(),
    waitTime: mainFields.waitTime,
    alert: mainFields.alert,
    capacityNote: mainFields.capacityNote,
    acceptingReferrals: mainFields.acceptingReferrals.optional(),
    selfReferral: mainFields.selfReferral.optional(),
    professionalReferral: mainFields.professionalReferral.optional(),
  })
  .refine(agesInOrder, { message: AGES_MESSAGE, path: ["minimumAge"] });
/** Fields left out are unchanged; null clears an optional one. */
export type UpdateDirectoryServiceInput = z.input<typeof UpdateDirectoryServiceInput>;

const notYours = (organisation: string) =>
  new BadInputError(`Only ${organisation}'s organisation admins, or the partnership's directory admins, can change its services. Nothing was changed.`, "id");

/** The service with its organisation, for the policy's row check; null when it does not exist. */
async function loadForChange(ctx: CoreContext, id: string) {
  if (!isUuid(id)) return null;
  return ctx.prisma.directoryService.findUnique({ where: { id }, include: { organization: true, serviceAreas: { select: { areaId: true } } } });
}

async function requireMaintainer(ctx: CoreContext, id: string) {
  const row = await loadForChange(ctx, id);
  if (!row || !ctx.ability.can("read", subject("DirectoryService", row as never))) throw new NotFoundError("directory service");
  if (!ctx.ability.can("update", subject("DirectoryService", row as never))) throw notYours(row.organization.name);
  return row;
}

export async function createDirectoryService(ctx: CoreContext, input: CreateDirectoryServiceInput): Promise<DirectoryServiceView> {
  const { organisationId: organizationId, phones, serviceAreaCodes, taxonomyTermIds, ...data } = validate(CreateDirectoryServiceInput, input);
  const organization = await ctx.prisma.directoryOrganization.findUnique({ where: { id: organizationId } });
  if (!organization) throw new NotFoundError("directory organisation");
  const areas = await ctx.prisma.area.findMany({ where: { code: { in: serviceAreaCodes } } });
  const unknownArea = serviceAreaCodes.find((code) => !areas.some((a) => a.code === code));
  if (unknownArea) throw new BadInputError(`There is no area with the code ${unknownArea}.`, "serviceAreaCodes");
  if (!ctx.ability.can("create", subject("DirectoryService", { organizationId, organization, serviceAreas: areas.map((a) => ({ areaId: a.id })) } as never))) {
    throw new BadInputError(`Only ${organization.name}'s organisation admins, or the partnership's administrators for the areas it covers, can add its services. Nothing was added.`, "organisationId");
  }
  const terms = await ctx.prisma.taxonomyTerm.findMany({ where: { id: { in: taxonomyTermIds } }, select: { id: true } });
  if (terms.length !== new Set(taxonomyTermIds).size) throw new BadInputError("One of the taxonomy terms is not in the directory.", "taxonomyTermIds");
  const now = new Date();
  // One statement with nested writes: Prisma runs it as one transaction, all or nothing.
  const created = await ctx.prisma.directoryService.create({
    data: {
      ...data,
      organizationId,
      // Whoever adds an entry has just checked it.
      lastVerifiedAt: now,
      lastVerifiedByUserId: ctx.actor.userId,
      phones: { create: phones.map((p) => ({ number: p.number, description: p.description ?? null })) },
      serviceAreas: { create: areas.map((a) => ({ name: a.name, areaId: a.id })) },
      attributes: { create: [...new Set(taxonomyTermIds)].map((taxonomyTermId) => ({ taxonomyTermId })) },
    },
  });
  return getDirectoryService(ctx, created.id);
}

export async function updateDirectoryService(ctx: CoreContext, input: UpdateDirectoryServiceInput): Promise<DirectoryServiceView> {
  const { id, ...changes } = validate(UpdateDirectoryServiceInput, input);
  const row = await requireMaintainer(ctx, id);
  const data = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const minimumAge = "minimumAge" in data ? (data.minimumAge as number | null) : row.minimumAge;
  const maximumAge = "maximumAge" in data ? (data.maximumAge as number | null) : row.maximumAge;
  if (!agesInOrder({ minimumAge, maximumAge })) throw new BadInputError(AGES_MESSAGE, "minimumAge");
  if (Object.keys(data).length) await ctx.prisma.directoryService.update({ where: { id: row.id }, data });
  return getDirectoryService(ctx, row.id);
}

/** "I have checked this entry is right today." Clears the stale flag. */
export async function verifyDirectoryService(ctx: CoreContext, id: string): Promise<DirectoryServiceView> {
  const row = await requireMaintainer(ctx, id);
  await ctx.prisma.directoryService.update({ where: { id: row.id }, data: { lastVerifiedAt: new Date(), lastVerifiedByUserId: ctx.actor.userId } });
  return getDirectoryService(ctx, row.id);
}
