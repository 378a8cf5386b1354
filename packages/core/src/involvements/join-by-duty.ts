// Agencies join a case by duty, in the transaction that moves it: the CPS area when a charging
// decision is asked for (and on any later prosecution stage, so a case opened at charge has
// it), the Witness Care Unit on charge and through court. The police force that opened the
// case is on it from the start (open-case.ts). Support services never join by duty: they join
// on the victim's consent (add-involvement.ts) or by accepting a referral.
import type { CaseStage, OrganisationKind, Prisma } from "@hub/db";
import { CAPACITY_OF_KIND } from "./capacities.js";
import { tellOrganisationItJoined } from "./involvement-notices.js";

type Tx = Prisma.TransactionClient;

const PROSECUTION_STAGES: readonly CaseStage[] = ["CHARGING_DECISION", "CHARGED", "AWAITING_TRIAL", "TRIAL", "VERDICT", "SENTENCED", "DISCONTINUED"];
const COURT_STAGES: readonly CaseStage[] = ["CHARGED", "AWAITING_TRIAL", "TRIAL", "VERDICT", "SENTENCED"];

/** The kinds of agency whose duty a case at this stage is. */
export function agenciesOnDutyAt(stage: CaseStage): OrganisationKind[] {
  return [...(PROSECUTION_STAGES.includes(stage) ? (["CPS"] as const) : []), ...(COURT_STAGES.includes(stage) ? (["POLICE_WCU"] as const) : [])];
}

/**
 * Adds the agencies whose duty the case now is and which are not on it yet: every active
 * organisation of that kind serving the case's area. Returns the new involvements' ids. Each
 * organisation's leads are told it has joined, so they name a contact.
 */
export async function joinByDuty(tx: Tx, kase: { id: string; areaId: string; stage: CaseStage }, at: Date): Promise<string[]> {
  const kinds = agenciesOnDutyAt(kase.stage);
  if (kinds.length === 0) return [];
  const organisations = await tx.organisation.findMany({
    where: {
      kind: { in: kinds },
      active: true,
      areas: { some: { areaId: kase.areaId } },
      involvements: { none: { caseId: kase.id, until: null } },
    },
    select: { id: true, kind: true, dsaParties: { where: { withdrawnAt: null, dsa: { status: "ACTIVE" } }, select: { lawfulBasisCode: true, dsa: { select: { categories: true } } } } },
  });
  if (organisations.length === 0) return [];
  const joined = await tx.caseInvolvement.createManyAndReturn({
    data: organisations.map((o) => ({
      caseId: kase.id,
      organisationId: o.id,
      capacity: CAPACITY_OF_KIND[o.kind],
      since: at,
      basis: "DUTY" as const,
      // The Victims' Code duty is a public task; the agreement names the basis the agency relies on.
      // (Categories are an enum array, which driver adapters cannot filter on: chosen here.)
      lawfulBasisCode: o.dsaParties.find((p) => p.dsa.categories.includes("CASE_PROGRESS"))?.lawfulBasisCode ?? "PUBLIC_TASK",
    })),
    select: { id: true },
  });
  await tellOrganisationItJoined(tx, joined.map((j) => j.id));
  return joined.map((j) => j.id);
}
