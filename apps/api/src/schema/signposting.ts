// Signposting: find the right local service for the victim, and record that she was told
// about it in the communication ledger.
import { type OpeningTime, type ServiceSearchLocation, type ServiceSearchPage, type ServiceSearchResult, type ServiceSearchTerm, ContactAgreementBreachError, searchServices, signpostService } from "@hub/core";
import { builder } from "../builder.js";
import { ContactChannelEnum, ContactRecordRef } from "./case-progress.js";
import { PageInfo } from "./connection.js";
import { MUTATION_ERRORS } from "./errors.js";

type Phone = { number: string; description: string | null };

const PhoneRef = builder.objectRef<Phone>("ServiceSearchPhone").implement({
  fields: (t) => ({ number: t.exposeString("number"), description: t.exposeString("description", { nullable: true }) }),
});

const TermRef = builder.objectRef<ServiceSearchTerm>("ServiceSearchTerm").implement({
  description: "Who the service is for or what it helps with: a crime type, a need, a community, an age band.",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    taxonomy: t.exposeString("taxonomy", { nullable: true, description: "The list the term belongs to." }),
  }),
});

const OpeningTimeRef = builder.objectRef<OpeningTime>("ServiceSearchOpeningTime").implement({
  description: "When the service is open, London time.",
  fields: (t) => ({
    byDay: t.exposeString("byDay", { description: 'Days, e.g. "MO,TU,WE,TH,FR".' }),
    opensAt: t.exposeString("opensAt", { description: '"HH:MM".' }),
    closesAt: t.exposeString("closesAt", { description: '"HH:MM"; at or before opensAt means it closes the next morning.' }),
    description: t.string({ nullable: true, resolve: (o) => o.description ?? null }),
  }),
});

const LocationRef = builder.objectRef<ServiceSearchLocation>("ServiceSearchLocation").implement({
  description:
    "Where the service can be found. For a refuge or safe house, where it is (name, address, postcode, coordinates, the house's own phone) is shown only to the organisation that runs it and to the directory admins; everyone else sees only that it is confidential.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name", { nullable: true }),
    locationType: t.exposeString("locationType", { description: "physical, postal or virtual." }),
    address1: t.exposeString("address1", { nullable: true }),
    city: t.exposeString("city", { nullable: true }),
    region: t.exposeString("region", { nullable: true }),
    postalCode: t.exposeString("postalCode", { nullable: true }),
    confidential: t.exposeBoolean("confidential", { description: "A refuge or safe house: reach it through the service's phones, and never pass its address on." }),
    latitude: t.exposeFloat("latitude", { nullable: true }),
    longitude: t.exposeFloat("longitude", { nullable: true }),
    phones: t.field({ type: [PhoneRef], resolve: (l) => l.phones }),
  }),
});

const ResultRef = builder.objectRef<ServiceSearchResult>("ServiceSearchResult").implement({
  description: "A local service that matches the search.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The service's id: pass it to signpostService." }),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    organisationName: t.exposeString("organisationName"),
    url: t.exposeString("url", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    eligibilityDescription: t.exposeString("eligibilityDescription", { nullable: true }),
    minimumAge: t.exposeInt("minimumAge", { nullable: true }),
    maximumAge: t.exposeInt("maximumAge", { nullable: true }),
    waitTime: t.exposeString("waitTime", { nullable: true }),
    selfReferral: t.exposeBoolean("selfReferral", { description: "The victim can contact the service herself." }),
    professionalReferral: t.exposeBoolean("professionalReferral"),
    acceptingReferrals: t.exposeBoolean("acceptingReferrals"),
    alert: t.exposeString("alert", { nullable: true, description: 'e.g. "Not accepting referrals until 3 March".' }),
    capacityNote: t.exposeString("capacityNote", { nullable: true }),
    lastVerifiedAt: t.field({ type: "DateTime", nullable: true, resolve: (s) => s.lastVerifiedAt }),
    languages: t.exposeStringList("languages"),
    distanceKm: t.exposeFloat("distanceKm", {
      nullable: true,
      description: "From the postcode searched to the nearest premises that are not confidential, to 1 decimal place. Null without a postcode, and for phone or online services and refuges: a refuge never gives a distance, to anyone, as distances from several postcodes would place it.",
    }),
    openNow: t.exposeBoolean("openNow", { nullable: true, description: "Null when the service has recorded no opening times." }),
    nextOpening: t.field({ type: "DateTime", nullable: true, description: "When a closed service next opens (within a week).", resolve: (s) => s.nextOpening }),
    openingTimes: t.field({ type: [OpeningTimeRef], resolve: (s) => s.openingTimes }),
    phones: t.field({ type: [PhoneRef], resolve: (s) => s.phones }),
    terms: t.field({ type: [TermRef], resolve: (s) => s.terms }),
    locations: t.field({ type: [LocationRef], description: "Where the service is; a confidential one says only that it is confidential, unless you run it or maintain the directory.", resolve: (s) => s.locations }),
  }),
});

const ResultsRef = builder.objectRef<ServiceSearchPage>("ServiceSearchResults").implement({
  fields: (t) => ({
    results: t.field({ type: [ResultRef], resolve: (p) => p.results }),
    pageInfo: t.field({ type: PageInfo, resolve: (p) => ({ hasNextPage: p.hasNextPage, endCursor: p.endCursor }) }),
  }),
});

builder.objectFields(ContactRecordRef, (t) => ({
  signpostedServiceId: t.exposeID("signpostedServiceId", { nullable: true, description: "Set when the contact told the victim about a directory service." }),
}));

builder.queryField("searchServices", (t) =>
  t.field({
    type: ResultsRef,
    description:
      "Local services to tell a victim about, best match first (relevance to the text, then distance). Every filter given must match. With a postcode, services within withinKm of it; phone and online services, and refuges, are included when they serve areaId.",
    args: {
      text: t.arg.string({ description: "Words from the service's name, description or eligibility." }),
      postcode: t.arg.string({ description: "The victim's postcode, or its first part (e.g. LS6)." }),
      areaId: t.arg.id({ description: "Only services that serve this area; with a postcode, the area whose phone and online services to include." }),
      withinKm: t.arg.float({ description: "With a postcode: how far (default 25 km)." }),
      crimeType: t.arg.string({ description: "A crime type term code; narrower terms under it match too." }),
      need: t.arg.string({ description: "A need term code." }),
      whoFor: t.arg.string({ description: "A term code for who the service is for." }),
      language: t.arg.string({ description: "A language the service works in." }),
      age: t.arg.int({ description: "The victim's age: services whose age range includes it." }),
      openNow: t.arg.boolean({ description: "Only services open (true) or closed (false) now, London time." }),
      asAt: t.arg({ type: "DateTime", description: "Answer openNow and nextOpening for this moment instead of now (e.g. when she will call)." }),
      acceptingReferrals: t.arg.boolean(),
      first: t.arg.int({ description: "How many results, 1 to 50 (default 20)." }),
      after: t.arg.string({ description: "The endCursor of the previous page, with the same search." }),
    },
    resolve: (_root, { asAt, areaId, ...args }, ctx) => searchServices(ctx, { ...args, areaId: areaId == null ? null : String(areaId) }, asAt ?? new Date()),
  }),
);

builder.mutationField("signpostService", (t) =>
  t.field({
    type: ContactRecordRef,
    description: "Record in the case's ledger that the victim was told about a service. Needs a stated purpose, like every contact.",
    args: {
      caseId: t.arg.id({ required: true }),
      serviceId: t.arg.id({ required: true }),
      channel: t.arg({ type: ContactChannelEnum, required: true }),
      at: t.arg({ type: "DateTime", description: "When she was told (default now)." }),
      note: t.arg.string({ description: "Anything else said, e.g. that she will call them herself." }),
    },
    errors: { types: [...MUTATION_ERRORS, ContactAgreementBreachError], directResult: true },
    resolve: (_r, args, ctx) => signpostService(ctx, { caseId: String(args.caseId), serviceId: String(args.serviceId), channel: args.channel, at: args.at ?? null, note: args.note ?? null }),
  }),
);
