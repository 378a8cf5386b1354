// What the caller may do on a case they can see, asked of the policy (the one place that
// decides), so the portal offers exactly the buttons the hub will accept and never keeps its
// own copy of the rules. Each answer is the same check the action itself makes.
import { CaseUpdateType, type InvolvementCapacity } from "@hub/db";
import { CASE_OPENING_KINDS, subject } from "@hub/policy";
import { casePolicyInclude, victimOfCase } from "../case-progress/load-case-for-checks.js";
import type { CoreContext } from "../shared/context.js";

export interface CaseViewerMay {
  changeStage: boolean;
  closeOrReopen: boolean;
  changeCpsReference: boolean;
  changeOffence: boolean;
  addAgency: boolean;
  recordUpdateTypes: CaseUpdateType[];
  recordContact: boolean;
  recordHearing: boolean;
  recordConsent: boolean;
  editIdentity: boolean;
  editContactDetails: boolean;
  setContactAgreement: boolean;
  /** Per current involvement: may hand over its named contact, may end it. */
  involvements: { id: string; capacity: InvolvementCapacity; handOver: boolean; end: boolean }[];
}

/** What the caller may do on this case (one query for the rows the rules look at). */
export async function caseViewerMay(ctx: CoreContext, caseId: string): Promise<CaseViewerMay | null> {
  const found = await ctx.prisma.case.findUnique({ where: { id: caseId }, include: casePolicyInclude(ctx) });
  if (!found || !ctx.ability.can("read", subject("Case", found))) return null;
  const a = ctx.ability;
  // subject() tags the object it is given with its type, so each check gets its own object.
  const onCase = () => ({ case: found }) as never;
  const victim = () => victimOfCase(found);
  const updates = Object.values(CaseUpdateType).filter((type) => a.can("create", subject("CaseUpdate", { type, case: found } as never)));
  const statutoryChange = a.can("update", subject("Case", { ...found }));
  return {
    changeStage: statutoryChange,
    closeOrReopen: statutoryChange,
    changeCpsReference: statutoryChange && ctx.actor.organisationKind === "CPS",
    changeOffence: statutoryChange && (ctx.actor.organisationKind === "POLICE" || ctx.actor.organisationKind === "CPS"),
    addAgency: a.can("create", subject("CaseInvolvement", onCase())),
    recordUpdateTypes: updates,
    recordContact: a.can("create", subject("ContactRecord", onCase())),
    recordHearing: a.can("create", subject("Hearing", onCase())),
    recordConsent: a.can("create", subject("Consent", victim())),
    editIdentity: a.can("update", subject("VictimIdentity", victim())),
    editContactDetails: a.can("update", subject("VictimContactDetails", victim())),
    setContactAgreement: a.can("update", subject("VictimContactContract", victim()), "channels"),
    involvements: found.involvements
      .filter((i) => i.until === null)
      .map((i) => ({ id: i.id, capacity: i.capacity, handOver: a.can("update", subject("CaseInvolvement", { ...i }), "namedContactUserId"), end: a.can("update", subject("CaseInvolvement", { ...i }), "until") })),
  };
}

/** May the caller open cases at all (the police and Witness Care Units, in their areas)? */
export function mayOpenCases(ctx: Pick<CoreContext, "ability" | "actor">): boolean {
  return (CASE_OPENING_KINDS as readonly string[]).includes(ctx.actor.organisationKind) && ctx.actor.areaIds.some((areaId) => ctx.ability.can("create", subject("Case", { areaId } as never)));
}
