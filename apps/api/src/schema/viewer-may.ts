// What the caller may do on a case, from the policy, so the portal shows only what the hub
// will accept (and keeps no copy of the rules).
import { caseViewerMay, type CaseViewerMay } from "@hub/core";
import { builder } from "../builder.js";
import { CaseUpdateTypeEnum } from "./case-progress.js";
import { CaseRef } from "./cases.js";

const InvolvementMayRef = builder.objectRef<CaseViewerMay["involvements"][number]>("CaseInvolvementViewerMay").implement({
  fields: (t) => ({
    involvementId: t.exposeID("id"),
    handOver: t.exposeBoolean("handOver", { description: "You may name or hand over its named contact." }),
    end: t.exposeBoolean("end", { description: "You may end its involvement." }),
  }),
});

const CaseViewerMayRef = builder.objectRef<CaseViewerMay>("CaseViewerMay").implement({
  description: "What you may do on this case, as the hub's policy decides: show only these actions. Each is the same check the action makes.",
  fields: (t) => ({
    changeStage: t.exposeBoolean("changeStage"),
    closeOrReopen: t.exposeBoolean("closeOrReopen"),
    changeCpsReference: t.exposeBoolean("changeCpsReference"),
    changeOffence: t.exposeBoolean("changeOffence"),
    addAgency: t.exposeBoolean("addAgency"),
    recordUpdateTypes: t.field({ type: [CaseUpdateTypeEnum], resolve: (m) => m.recordUpdateTypes }),
    recordContact: t.exposeBoolean("recordContact"),
    recordHearing: t.exposeBoolean("recordHearing"),
    recordConsent: t.exposeBoolean("recordConsent"),
    editIdentity: t.exposeBoolean("editIdentity"),
    editContactDetails: t.exposeBoolean("editContactDetails", { description: "You may record or change how to reach her (her contact circle), whether or not she has any contact details yet." }),
    setContactAgreement: t.exposeBoolean("setContactAgreement"),
    involvements: t.field({ type: [InvolvementMayRef], resolve: (m) => m.involvements }),
  }),
});

builder.objectField(CaseRef, "viewerMay", (t) =>
  t.field({
    type: CaseViewerMayRef,
    description: "What you may do on this case.",
    resolve: async (c, _a, ctx) => (await caseViewerMay(ctx, c.id))!,
  }),
);
