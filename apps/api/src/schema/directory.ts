// The local services directory, as partners maintain it: each organisation its own services,
// the partnership's directory admins any. Not victim data: no stated purpose, no audit.
import { createDirectoryService, type DirectoryServiceView, getDirectoryService, listDirectoryServices, NotFoundError, updateDirectoryService, verifyDirectoryService } from "@hub/core";
import { subject } from "@hub/policy";
import { builder } from "../builder.js";
import { connectionOf } from "./connection.js";
import { MUTATION_ERRORS } from "./errors.js";
import { AreaRef } from "./organisations.js";

type View = DirectoryServiceView;

export const DirectoryServiceStatusEnum = builder.enumType("DirectoryServiceStatus", {
  description: "HSDS service status.",
  values: {
    ACTIVE: { value: "active" },
    INACTIVE: { value: "inactive" },
    DEFUNCT: { value: "defunct" },
    TEMPORARILY_CLOSED: { value: "temporarily closed" },
  } as const,
});

const DirectoryOrganisationRef = builder.objectRef<View["organization"]>("DirectoryOrganisation").implement({
  description: "The organisation that runs a directory service (HSDS organization).",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    email: t.exposeString("email", { nullable: true }),
    website: t.exposeString("website", { nullable: true }),
    memberOrganisationId: t.exposeID("hubOrganisationId", { nullable: true, description: "The partnership member that maintains this entry, when it is one." }),
  }),
});

export const DirectoryLocationRef = builder.objectRef<View["serviceAtLocations"][number]["location"]>("DirectoryLocation").implement({
  description:
    "Where a service can be found. Refuges and safe houses are confidential: where they are (name, address, postcode, coordinates, the house's own phone) is shown only to the organisation that runs them and to the partnership's directory admins. Everyone else sees only that the location is confidential, with every such field null and an id that is not the real one: reach the service through its own phones and contacts.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name", { nullable: true }),
    description: t.exposeString("description", { nullable: true }),
    locationType: t.exposeString("locationType", { description: "physical, postal or virtual." }),
    url: t.exposeString("url", { nullable: true }),
    address1: t.exposeString("address1", { nullable: true }),
    city: t.exposeString("city", { nullable: true }),
    region: t.exposeString("region", { nullable: true }),
    postalCode: t.exposeString("postalCode", { nullable: true }),
    country: t.exposeString("country"),
    latitude: t.exposeFloat("latitude", { nullable: true }),
    longitude: t.exposeFloat("longitude", { nullable: true }),
    confidential: t.exposeBoolean("confidential"),
  }),
});

const DirectoryPhoneRef = builder.objectRef<View["phones"][number]>("DirectoryPhone").implement({
  fields: (t) => ({ id: t.exposeID("id"), number: t.exposeString("number"), description: t.exposeString("description", { nullable: true }) }),
});

const DirectoryContactRef = builder.objectRef<View["contacts"][number]>("DirectoryContact").implement({
  description: "A named contact at the service (a role, not a victim).",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name", { nullable: true }),
    title: t.exposeString("title", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
  }),
});

const DirectoryScheduleRef = builder.objectRef<View["schedules"][number]>("DirectorySchedule").implement({
  description: "Opening times, London time.",
  fields: (t) => ({
    id: t.exposeID("id"),
    byDay: t.exposeString("byDay", { description: 'iCal days, e.g. "MO,TU,WE,TH,FR".' }),
    opensAt: t.exposeString("opensAt", { description: '"HH:MM".' }),
    closesAt: t.exposeString("closesAt", { description: '"HH:MM".' }),
    description: t.exposeString("description", { nullable: true }),
  }),
});

const DirectoryServiceAreaRef = builder.objectRef<View["serviceAreas"][number]>("DirectoryServiceArea").implement({
  description: "Where the service is available.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    area: t.field({ type: AreaRef, nullable: true, description: "The hub's area, when the service area is one.", resolve: (a) => a.area }),
  }),
});

const DirectoryServiceAttributeRef = builder.objectRef<View["attributes"][number]>("DirectoryServiceAttribute").implement({
  description: "Who the service is for, what it helps with and how to reach it: a taxonomy term.",
  fields: (t) => ({
    id: t.exposeID("id"),
    taxonomyTermId: t.exposeID("taxonomyTermId"),
    code: t.string({ resolve: (a) => a.taxonomyTerm.code }),
    name: t.string({ resolve: (a) => a.taxonomyTerm.name }),
    taxonomy: t.string({ nullable: true, description: "The taxonomy the term belongs to.", resolve: (a) => a.taxonomyTerm.taxonomy?.name ?? null }),
    value: t.exposeString("value", { nullable: true }),
  }),
});

export const DirectoryServiceRef = builder.objectRef<View>("DirectoryService").implement({
  description: "A local service partners can signpost or refer victims to (HSDS 3.0 service).",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    url: t.exposeString("url", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    status: t.field({ type: DirectoryServiceStatusEnum, resolve: (s) => s.status as "active" }),
    eligibilityDescription: t.exposeString("eligibilityDescription", { nullable: true }),
    minimumAge: t.exposeInt("minimumAge", { nullable: true }),
    maximumAge: t.exposeInt("maximumAge", { nullable: true }),
    languages: t.exposeStringList("languages"),
    waitTime: t.exposeString("waitTime", { nullable: true }),
    alert: t.exposeString("alert", { nullable: true, description: 'A short-term notice, e.g. "Not accepting referrals until 3 March".' }),
    capacityNote: t.exposeString("capacityNote", { nullable: true }),
    acceptingReferrals: t.exposeBoolean("acceptingReferrals"),
    selfReferral: t.exposeBoolean("selfReferral"),
    professionalReferral: t.exposeBoolean("professionalReferral"),
    lastVerifiedAt: t.field({ type: "DateTime", nullable: true, description: "When someone last checked the entry is right.", resolve: (s) => s.lastVerifiedAt }),
    stale: t.exposeBoolean("stale", { description: "Not verified for six months (183 days) or never: check with the service before signposting." }),
    updatedAt: t.field({ type: "DateTime", resolve: (s) => s.updatedAt }),
    canEdit: t.boolean({ description: "Whether you may change or verify this entry.", resolve: (s, _a, ctx) => ctx.ability.can("update", subject("DirectoryService", s as never)) }),
    organisation: t.field({ type: DirectoryOrganisationRef, resolve: (s) => s.organization }),
    locations: t.field({
      type: [DirectoryLocationRef],
      description: "Where the service is. A confidential location (a refuge) says only that it is confidential, unless you run it or maintain the directory.",
      resolve: (s) => s.serviceAtLocations.map((sal) => sal.location),
    }),
    phones: t.field({ type: [DirectoryPhoneRef], resolve: (s) => s.phones }),
    contacts: t.field({ type: [DirectoryContactRef], resolve: (s) => s.contacts }),
    schedules: t.field({ type: [DirectoryScheduleRef], resolve: (s) => s.schedules }),
    serviceAreas: t.field({ type: [DirectoryServiceAreaRef], resolve: (s) => s.serviceAreas }),
    attributes: t.field({ type: [DirectoryServiceAttributeRef], resolve: (s) => s.attributes }),
  }),
});

const DirectoryServiceConnection = connectionOf("DirectoryService", DirectoryServiceRef);

builder.queryFields((t) => ({
  directoryService: t.field({
    type: DirectoryServiceRef,
    description: "One directory service.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, args, ctx) => getDirectoryService(ctx, String(args.id)),
  }),
  directoryServices: t.field({
    type: DirectoryServiceConnection,
    description: "The directory, A to Z.",
    args: {
      first: t.arg.int({ description: "How many services, 1 to 100 (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page." }),
    },
    resolve: (_root, args, ctx) => listDirectoryServices(ctx, args),
  }),
}));

const PhoneInput = builder.inputType("DirectoryPhoneInput", {
  fields: (t) => ({ number: t.string({ required: true }), description: t.string() }),
});

const CreateInput = builder.inputType("CreateDirectoryServiceInput", {
  fields: (t) => ({
    organisationId: t.id({ required: true, description: "The directory organisation that runs the service." }),
    name: t.string({ required: true }),
    description: t.string({ required: true }),
    url: t.string(),
    email: t.string(),
    status: t.field({ type: DirectoryServiceStatusEnum, description: "Default ACTIVE." }),
    eligibilityDescription: t.string(),
    minimumAge: t.int(),
    maximumAge: t.int(),
    languages: t.stringList(),
    waitTime: t.string(),
    alert: t.string(),
    capacityNote: t.string(),
    acceptingReferrals: t.boolean({ description: "Default true." }),
    selfReferral: t.boolean({ description: "Default true." }),
    professionalReferral: t.boolean({ description: "Default true." }),
    phones: t.field({ type: [PhoneInput] }),
    serviceAreaCodes: t.stringList({ description: "Codes of the hub's areas it serves, e.g. NSH." }),
    taxonomyTermIds: t.idList(),
  }),
});

const UpdateInput = builder.inputType("UpdateDirectoryServiceInput", {
  description: "Only the fields given change; null clears an optional field.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
    url: t.string(),
    email: t.string(),
    status: t.field({ type: DirectoryServiceStatusEnum }),
    eligibilityDescription: t.string(),
    minimumAge: t.int(),
    maximumAge: t.int(),
    languages: t.stringList(),
    waitTime: t.string(),
    alert: t.string(),
    capacityNote: t.string(),
    acceptingReferrals: t.boolean(),
    selfReferral: t.boolean(),
    professionalReferral: t.boolean(),
  }),
});

/** Absent fields stay absent (unchanged), explicit nulls stay null (cleared). */
const withoutAbsent = <T extends object>(input: T) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
/** On a new entry, null and absent both mean "the default". */
const withoutEmpty = <T extends object>(input: T) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null));

builder.mutationFields((t) => ({
  createDirectoryService: t.field({
    type: DirectoryServiceRef,
    description: "Add a service to the directory, for an organisation you maintain. It counts as verified now.",
    args: { input: t.arg({ type: CreateInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) =>
      createDirectoryService(ctx, {
        ...(withoutEmpty(input) as object),
        organisationId: String(input.organisationId),
        taxonomyTermIds: input.taxonomyTermIds?.map(String) ?? undefined,
      } as never),
  }),
  updateDirectoryService: t.field({
    type: DirectoryServiceRef,
    description: "Change a service's details, alert or referral status.",
    args: { input: t.arg({ type: UpdateInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) => updateDirectoryService(ctx, { ...(withoutAbsent(input) as object), id: String(input.id) } as never),
  }),
  verifyDirectoryService: t.field({
    type: DirectoryServiceRef,
    description: "Confirm the entry is right today: records when and by whom, and clears the stale flag.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => verifyDirectoryService(ctx, String(args.id)),
  }),
}));
