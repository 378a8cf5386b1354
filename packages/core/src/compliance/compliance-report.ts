// The compliance report (issue #5): the inspectorate's own measures of whether agencies met
// the Victims' Code deadlines, per area, responsible organisation and right, for clocks due
// in a period. Aggregates only: ids and names of areas and organisations, duty names and
// numbers. No case, victim or clock ever leaves this function, and nothing about a victim is
// logged. It holds no personal data, so it writes no s.62 audit entries either.
import { DUTIES, type DutyName } from "../clocks/duties.js";
import { type DutySource, dutySource, dutyWhat } from "../clocks/local-duties.js";
import { workingDaysBetween } from "../clocks/working-days.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, HubError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";

/**
 * Groups with fewer clocks than this have their numbers withheld. A group of one or two
 * clocks is one or two victims: "1 clock, breached" for a small service and a short period
 * tells anyone who knows the case (a partner, a colleague, the victim's family) what happened
 * to that victim. Counting at least three keeps every figure about a group of victims.
 * Row existence still shows that such a group has clocks, never how they went.
 */
export const SMALL_NUMBERS_THRESHOLD = 3;

export interface ComplianceReportInput {
  /** Clocks due at or after this moment... */
  from: Date;
  /** ...and before this one. */
  to: Date;
  areaId?: string | null;
}

export interface ComplianceRow {
  areaId: string;
  areaName: string;
  /** Null when no organisation of the kind that owes the duty is (or was) on the case: a breach nobody owns is still counted. */
  organisationId: string | null;
  organisationName: string | null;
  duty: string;
  /** What the duty is, in the users' words; a local standard's name, labelled as local. */
  what: string;
  /** The Victims' Code, the partnership-wide standard, or a standard the area added (labelled as local). */
  source: DutySource;
  /** True when the group has fewer than SMALL_NUMBERS_THRESHOLD clocks: every number below is then null. */
  suppressed: boolean;
  /** Clocks due in the period. */
  clocks: number | null;
  /** Satisfied at or before the deadline. */
  onTime: number | null;
  /** Satisfied after the deadline. */
  late: number | null;
  /** Not satisfied, and the deadline has passed. */
  breachedOpen: number | null;
  /** Not satisfied, and not yet due. */
  stillOpen: number | null;
  /** onTime / (onTime + late + breachedOpen), as a percentage to 1 decimal place; null when none of those. */
  onTimePercent: number | null;
  /** Median working days from the clock's start to the contact that satisfied it; null when none was satisfied. */
  medianWorkingDays: number | null;
}

interface GroupRow {
  areaId: string;
  areaName: string;
  organisationId: string | null;
  organisationName: string | null;
  duty: string;
  localStandardName: string | null;
  clocks: number;
  onTime: number;
  late: number;
  breachedOpen: number;
  stillOpen: number;
  /** JSON text: [[startedAt, satisfiedAt], ...] for the group's satisfied clocks. */
  satisfied: string;
}

// The victim's own Victims' Right to Review window is timed too, but no agency owes it, so it
// is not a measure of anyone's compliance.
const isVictimsOwnWindow = (duty: string) => Object.hasOwn(DUTIES, duty) && DUTIES[duty as DutyName].owedBy.length === 0;

/** Who may run the compliance measures, and a period and area that make sense. */
function checkedReportInput(ctx: CoreContext, input: ComplianceReportInput): { from: Date; to: Date; areaId: string | null } {
  if (!ctx.ability.can("read", "ComplianceReport")) {
    throw new HubError("FORBIDDEN", "Compliance reports are for organisation admins and partnership auditors.");
  }
  const { from, to } = input;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new BadInputError("Give the period as two dates and times.", "from");
  if (from.getTime() >= to.getTime()) throw new BadInputError("The end of the period must be after its start.", "to");
  const areaId = input.areaId ?? null;
  if (areaId !== null && !isUuid(areaId)) throw new BadInputError("That is not an area id the hub gave out.", "areaId");
  return { from, to, areaId };
}

export async function complianceReport(ctx: CoreContext, input: ComplianceReportInput, now: Date = new Date()): Promise<ComplianceRow[]> {
  const { from, to, areaId } = checkedReportInput(ctx, input);

  // One query, one snapshot: the counts and the satisfied clocks' times come from the same
  // rows. The responsible organisation is any organisation on the case, now or in the past,
  // whose kind owes the duty (joined through EXISTS, so an organisation involved twice is
  // counted once; several of that kind each get the clock). A referral's acknowledgement clock
  // (REFERRAL_ACKNOWLEDGEMENT, a service standard) is the receiver's (it names the referral
  // as its start), so it belongs to the organisation referred to, which is usually not on the
  // case yet: these rows are the referral acknowledgement times. Every input is a bound parameter.
  const groups = await ctx.prisma.$queryRaw<GroupRow[]>`
    SELECT a.id::text AS "areaId",
           a.name AS "areaName",
           o.id::text AS "organisationId",
           o.name AS "organisationName",
           sc.duty AS duty,
           ls.name AS "localStandardName",
           COUNT(*)::int AS clocks,
           (COUNT(*) FILTER (WHERE sc."satisfiedAt" IS NOT NULL AND sc."satisfiedAt" <= sc."dueAt"))::int AS "onTime",
           (COUNT(*) FILTER (WHERE sc."satisfiedAt" IS NOT NULL AND sc."satisfiedAt" > sc."dueAt"))::int AS late,
           -- Breached as a case shows it: marked by the clock scan, or past its deadline.
           (COUNT(*) FILTER (WHERE sc."satisfiedAt" IS NULL AND (sc."breachedAt" IS NOT NULL OR sc."dueAt" < ${now})))::int AS "breachedOpen",
           (COUNT(*) FILTER (WHERE sc."satisfiedAt" IS NULL AND sc."breachedAt" IS NULL AND sc."dueAt" >= ${now}))::int AS "stillOpen",
           (COALESCE(
              json_agg(json_build_array(sc."startedAt", sc."satisfiedAt")) FILTER (WHERE sc."satisfiedAt" IS NOT NULL),
              '[]'::json
           ))::text AS satisfied
      FROM "StatutoryClock" sc
      JOIN "Case" c ON c.id = sc."caseId"
      JOIN "Area" a ON a.id = c."areaId"
      LEFT JOIN "LocalServiceStandard" ls ON ls.id = sc."localStandardId"
      LEFT JOIN "Referral" r
        ON sc.duty = 'REFERRAL_ACKNOWLEDGEMENT' AND r.id = sc."startedByUpdateId"
      LEFT JOIN "Organisation" o
        ON CASE WHEN sc.duty = 'REFERRAL_ACKNOWLEDGEMENT'
                THEN o.id = r."toOrganisationId"
                ELSE o.kind = sc."owedByKind"
                     AND EXISTS (SELECT 1 FROM "CaseInvolvement" ci WHERE ci."caseId" = sc."caseId" AND ci."organisationId" = o.id)
           END
     WHERE sc."dueAt" >= ${from}
       AND sc."dueAt" < ${to}
       AND sc."owedByKind" IS NOT NULL -- the victim's own review window is no agency's duty
       AND sc."stoppedAt" IS NULL -- a duty withdrawn before it was owed (a cancelled referral) measures nothing
       -- A "referral" to the police, a WCU or the CPS was never one: they join by duty. Such
       -- clocks (made before the hub refused them) measure nothing.
       AND NOT (sc.duty = 'REFERRAL_ACKNOWLEDGEMENT' AND r.id IS NOT NULL AND sc."owedByKind" IN ('POLICE', 'POLICE_WCU', 'CPS'))
       AND (${areaId}::uuid IS NULL OR c."areaId" = ${areaId}::uuid)
     GROUP BY a.id, a.name, o.id, o.name, sc.duty, ls.name
     ORDER BY a.name, a.id, o.name NULLS LAST, o.id, sc.duty`;

  return groups.filter((g) => !isVictimsOwnWindow(g.duty)).map(toRow);
}

function toRow(g: GroupRow): ComplianceRow {
  const place = {
    areaId: g.areaId,
    areaName: g.areaName,
    organisationId: g.organisationId,
    organisationName: g.organisationName,
    duty: g.duty,
    what: dutyWhat(g.duty, g.localStandardName),
    source: dutySource(g.duty),
  };
  if (g.clocks < SMALL_NUMBERS_THRESHOLD) {
    return { ...place, suppressed: true, clocks: null, onTime: null, late: null, breachedOpen: null, stillOpen: null, onTimePercent: null, medianWorkingDays: null };
  }
  const measured = g.onTime + g.late + g.breachedOpen;
  // Working days need the bank holiday calendar, which lives here rather than in the database.
  const pairs = JSON.parse(g.satisfied) as [string, string][];
  const days = pairs.map(([started, satisfied]) => workingDaysBetween(new Date(started), new Date(satisfied)));
  return {
    ...place,
    suppressed: false,
    clocks: g.clocks,
    onTime: g.onTime,
    late: g.late,
    breachedOpen: g.breachedOpen,
    stillOpen: g.stillOpen,
    onTimePercent: measured === 0 ? null : Math.round((g.onTime * 1000) / measured) / 10,
    medianWorkingDays: median(days),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How often one organisation's updates reached victims in one area: the gaps between them. */
export interface UpdateIntervalRow {
  areaId: string;
  areaName: string;
  organisationId: string;
  organisationName: string;
  /** True when fewer than SMALL_NUMBERS_THRESHOLD victims' cases are counted: every number below is then null. */
  suppressed: boolean;
  /** Cases with at least one gap ending in the period. */
  cases: number | null;
  /** Gaps counted: each update that reached the victim in the period, after an earlier one from the same organisation. */
  intervals: number | null;
  /** Median calendar days between one update reaching the victim and the organisation's next, to 1 decimal place. */
  medianDays: number | null;
}

interface IntervalGroupRow {
  areaId: string;
  areaName: string;
  organisationId: string;
  organisationName: string;
  cases: number;
  intervals: number;
  medianDays: number;
}

// A contact counts as an update when it reached her, as for the Victims' Code clocks.
const REACHED_HER = ["REACHED", "SENT", "MESSAGE_LEFT"];

/**
 * Median days between updates, per area and organisation: for every contact that reached the
 * victim in the period, the days since that organisation's previous one on the same case
 * (which may be before the period). Aggregates only, like the compliance report; groups of
 * fewer than three cases are withheld, so no victim's contact history can be read off it.
 */
export async function updateIntervalReport(ctx: CoreContext, input: ComplianceReportInput): Promise<UpdateIntervalRow[]> {
  const { from, to, areaId } = checkedReportInput(ctx, input);
  const groups = await ctx.prisma.$queryRaw<IntervalGroupRow[]>`
    WITH reached AS (
      SELECT cr."caseId", cr."organisationId", cr.at,
             LAG(cr.at) OVER (PARTITION BY cr."caseId", cr."organisationId" ORDER BY cr.at, cr.id) AS previous
        FROM "ContactRecord" cr
       WHERE cr.outcome::text = ANY(${REACHED_HER}::text[])
         AND cr.at < ${to}
    )
    SELECT a.id::text AS "areaId",
           a.name AS "areaName",
           o.id::text AS "organisationId",
           o.name AS "organisationName",
           COUNT(DISTINCT r."caseId")::int AS cases,
           COUNT(*)::int AS intervals,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (r.at - r.previous))::float8 / 86400))::float8 AS "medianDays"
      FROM reached r
      JOIN "Case" c ON c.id = r."caseId"
      JOIN "Area" a ON a.id = c."areaId"
      JOIN "Organisation" o ON o.id = r."organisationId"
     WHERE r.previous IS NOT NULL
       AND r.at >= ${from}
       AND (${areaId}::uuid IS NULL OR c."areaId" = ${areaId}::uuid)
     GROUP BY a.id, a.name, o.id, o.name
     ORDER BY a.name, a.id, o.name, o.id`;
  return groups.map((g) => {
    const place = { areaId: g.areaId, areaName: g.areaName, organisationId: g.organisationId, organisationName: g.organisationName };
    if (g.cases < SMALL_NUMBERS_THRESHOLD) return { ...place, suppressed: true, cases: null, intervals: null, medianDays: null };
    return { ...place, suppressed: false, cases: g.cases, intervals: g.intervals, medianDays: Math.round(Number(g.medianDays) * 10) / 10 };
  });
}
