import { getVictimContactDetails, getVictimIdentity } from "@hub/core";
import type { VictimContactDetails, VictimIdentity } from "@hub/db";
import { builder } from "../builder.js";

const VictimIdentityRef = builder.objectRef<VictimIdentity>("VictimIdentity").implement({
  fields: (t) => ({
    fullName: t.exposeString("fullName"),
    preferredName: t.exposeString("preferredName", { nullable: true }),
    dateOfBirth: t.field({ type: "DateTime", nullable: true, resolve: (v) => v.dateOfBirth }),
  }),
});

const VictimContactDetailsRef = builder.objectRef<VictimContactDetails>("VictimContactDetails").implement({
  description: "Only organisations the victim chose as contacts receive these.",
  fields: (t) => ({
    address: t.exposeString("address", { nullable: true }),
    postcode: t.exposeString("postcode", { nullable: true }),
    phone: t.exposeString("phone", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
  }),
});

export const VictimRef = builder.objectRef<{ id: string; reference: string }>("Victim").implement({
  description: "The victim on a case. Each part is null where you may not receive it.",
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "The victim's pseudonymous reference in the hub." }),
    identity: t.field({ type: VictimIdentityRef, nullable: true, resolve: (v, _a, ctx) => getVictimIdentity(ctx, v.id) }),
    contactDetails: t.field({ type: VictimContactDetailsRef, nullable: true, resolve: (v, _a, ctx) => getVictimContactDetails(ctx, v.id) }),
  }),
});
