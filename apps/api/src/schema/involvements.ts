// The agencies on a case: add one (on a lawful basis, or the victim's consent), end one, and
// hand over an organisation's named contact. Plus whom a case can be handed to.
import { addCaseInvolvement, endCaseInvolvement, handOverNamedContact, namedContactCandidates } from "@hub/core";
import { accessibleWhere } from "@hub/policy";
import { builder } from "../builder.js";
import { InvolvementCapacityEnum } from "./enums.js";
import { MUTATION_ERRORS } from "./errors.js";

const CaseworkerRef = builder.objectRef<{ id: string; name: string; email: string }>("Caseworker").implement({
  description: "Someone in an organisation who can be a victim's named contact.",
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name"), email: t.exposeString("email") }),
});

const InvolvementChangeRef = builder.objectRef<{ id: string; caseId: string }>("InvolvementChange").implement({
  fields: (t) => ({ involvementId: t.exposeID("id"), caseId: t.exposeID("caseId") }),
});

const HandoverDoneRef = builder.objectRef<{ handoverId: string; involvementId: string }>("HandOverDone").implement({
  fields: (t) => ({ handoverId: t.exposeID("handoverId"), involvementId: t.exposeID("involvementId") }),
});

const AddCaseInvolvementInput = builder.inputType("AddCaseInvolvementInput", {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    organisationId: t.id({ required: true }),
    capacity: t.field({ type: InvolvementCapacityEnum, description: "Default: the capacity its kind works in." }),
    lawfulBasisCode: t.string({ description: "For the police, a Witness Care Unit or the CPS: the lawful basis it relies on (e.g. PUBLIC_TASK)." }),
    consentId: t.id({ description: "For a support service: the victim's consent in which she agreed it may see her case." }),
    namedContactUserId: t.id({ description: "Its named contact, if you know who it is; otherwise its leads name one." }),
  }),
});

builder.queryField("caseworkers", (t) =>
  t.field({
    type: [CaseworkerRef],
    description: "The people in an organisation who can be a victim's named contact: your own organisation's, or one you administer. Empty for any other.",
    args: { organisationId: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => namedContactCandidates(ctx.prisma, [String(args.organisationId)], accessibleWhere(ctx.ability, "User")),
  }),
);

const LawfulBasisRef = builder.objectRef<{ code: string; label: string; description: string; consentBased: boolean }>("LawfulBasis").implement({
  description: "A lawful basis on the partnership's list (kept by its data protection officer).",
  fields: (t) => ({ code: t.exposeString("code"), label: t.exposeString("label"), description: t.exposeString("description"), consentBased: t.exposeBoolean("consentBased") }),
});

builder.queryField("lawfulBases", (t) =>
  t.field({
    type: [LawfulBasisRef],
    description: "The lawful bases in use in the partnership.",
    resolve: (_r, _a, ctx) => ctx.prisma.lawfulBasis.findMany({ where: { active: true }, orderBy: { label: "asc" } }),
  }),
);

builder.mutationFields((t) => ({
  addCaseInvolvement: t.field({
    type: InvolvementChangeRef,
    description: "Add an agency to a case (organisation admins and casework leads of an organisation on it). Statutory agencies join on a lawful basis; support services only on the victim's consent.",
    args: { input: t.arg({ type: AddCaseInvolvementInput, required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, { input }, ctx) =>
      addCaseInvolvement(ctx, {
        ...input,
        caseId: String(input.caseId),
        organisationId: String(input.organisationId),
        consentId: input.consentId ? String(input.consentId) : null,
        namedContactUserId: input.namedContactUserId ? String(input.namedContactUserId) : null,
      }),
  }),
  endCaseInvolvement: t.field({
    type: InvolvementChangeRef,
    description: "End your organisation's involvement in a case, saying why. It is kept in the case's history.",
    args: { involvementId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => endCaseInvolvement(ctx, { involvementId: String(args.involvementId), reason: args.reason }),
  }),
  handOverNamedContact: t.field({
    type: HandoverDoneRef,
    description: "Name, or hand over, your organisation's named contact on a case: recorded with who, to whom, when and why, and the new contact is told.",
    args: { involvementId: t.arg.id({ required: true }), toUserId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: MUTATION_ERRORS, directResult: true },
    resolve: (_r, args, ctx) => handOverNamedContact(ctx, { involvementId: String(args.involvementId), toUserId: String(args.toUserId), reason: args.reason }),
  }),
}));
