// How the demo's working day is acted: as the demo partnership's own people, through the
// hub's own domain functions, at the moment each step happened. Every step gets the context a
// request from that person would get (yoga.ts): their actor loaded from the database, the
// ability for the purpose they work under every day, a request's audit trail (flushed when the
// step ends, as the HTTP edge does) and, as its clock, the moment the step happened. So every
// row, clock, involvement, stage change and audit entry is what real use would have made.
import { type CoreContext, HubError, loadActor, RequestAudit } from "@hub/core";
import type { AccessPurpose, Database, OrganisationKind } from "@hub/db";
import { DEMO_CASES, DEMO_ORGANISATIONS, DEMO_USERS } from "@hub/db/seed";
import { type Actor, defineAbilityFor } from "@hub/policy";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The purpose each kind of organisation works under every day, as the portal states it (apps/portal/src/app/purpose.ts). */
const EVERYDAY: Partial<Record<OrganisationKind, AccessPurpose>> = {
  POLICE: "LAW_ENFORCEMENT",
  POLICE_WCU: "KEEPING_VICTIM_INFORMED",
  CPS: "KEEPING_VICTIM_INFORMED",
  ISVA_SERVICE: "SUPPORT_AND_ADVOCACY",
  IDVA_SERVICE: "SUPPORT_AND_ADVOCACY",
  VICTIM_SUPPORT_CHARITY: "SUPPORT_AND_ADVOCACY",
};

export const everydayPurpose = (actor: Actor): AccessPurpose => (actor.roles.includes("PARTNERSHIP_AUDITOR") ? "AUDIT" : (EVERYDAY[actor.organisationKind] ?? "AUDIT"));

const LONDON = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The London wall-clock reading of an instant, written as if it were UTC milliseconds. */
function londonWall(ms: number): number {
  const part: Record<string, number> = {};
  for (const { type, value } of LONDON.formatToParts(ms)) part[type] = Number(value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
}

/** The instant London clocks read `wall` (checked twice, for the hours around a clock change). */
function instantOf(wall: number): Date {
  let at = wall - (londonWall(wall) - wall);
  at = wall - (londonWall(at) - at);
  return new Date(at);
}

/**
 * Moments relative to the demo's "now", in London time, so the story reads the same on any
 * day it is played: "12 days ago at 14:20", "3 hours ago", "the weekday on or before 10 days ago".
 */
export class StoryClock {
  /** Midnight of today's London date, as wall-clock milliseconds. */
  private readonly today: number;

  constructor(readonly now: Date) {
    this.today = Math.floor(londonWall(now.getTime()) / DAY) * DAY;
  }

  /** `n` London days before today, at "HH:MM" London time; negative `n` is a day to come (a hearing). */
  day(n: number, time: string): Date {
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    const at = instantOf(this.today - n * DAY + hours * HOUR + minutes * MINUTE);
    if (n >= 0 && at.getTime() > this.now.getTime()) throw new Error(`The story puts a step in the future (${n} days ago at ${time}).`);
    return at;
  }

  /** The first Monday to Friday on or before `n` days ago, at "HH:MM" London time. */
  weekday(n: number, time: string): Date {
    return this.day(this.weekdayBack(n), time);
  }

  /** How many days ago the first Monday to Friday on or before `n` days ago was. */
  weekdayBack(n: number): number {
    let back = n;
    while (this.isWeekend(back)) back += 1;
    return back;
  }

  /** How many days ago the first Monday to Friday after the day `back` days ago was (or is: then 0 or less). */
  weekdayAfter(back: number): number {
    let after = back - 1;
    while (this.isWeekend(after)) after -= 1;
    return after;
  }

  private isWeekend(daysAgo: number): boolean {
    return [0, 6].includes(new Date(this.today - daysAgo * DAY).getUTCDay());
  }

  /** Today at "HH:MM" London time if that was at least `atLeastHoursAgo` hours ago; else that many hours ago. */
  earlierToday(time: string, atLeastHoursAgo: number): Date {
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    const at = instantOf(this.today + hours * HOUR + minutes * MINUTE);
    const latest = this.hoursAgo(atLeastHoursAgo);
    return at.getTime() <= latest.getTime() ? at : latest;
  }

  hoursAgo(hours: number): Date {
    return new Date(this.now.getTime() - hours * HOUR);
  }

  /** A date of birth `years` years before this year's date "MM-DD" (a child stays a child on any day). */
  born(yearsAgo: number, monthDay: string): Date {
    const [month, date] = monthDay.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(new Date(this.today).getUTCFullYear() - yearsAgo, month - 1, date));
  }
}

/** The demo partnership's people, organisations, areas and directory services, by the names the seed gives them. */
export class DemoDesk {
  private constructor(
    private readonly db: Database,
    private readonly actors: Map<string, Actor>,
    private readonly ids: { organisations: Map<string, string>; areas: Map<string, string>; services: Map<string, string> },
  ) {}

  /** The desk, or null when the database does not hold the demo partnership (its people are not all there). */
  static async open(db: Database): Promise<DemoDesk | null> {
    const actors = new Map<string, Actor>();
    for (const u of DEMO_USERS) {
      const actor = await loadActor(db.prisma, u.oidcSubject);
      if (!actor) return null;
      actors.set(u.email, actor);
    }
    const [organisations, areas, services] = await Promise.all([
      db.prisma.organisation.findMany({ select: { id: true, name: true } }),
      db.prisma.area.findMany({ select: { id: true, code: true } }),
      db.prisma.directoryService.findMany({ select: { id: true, name: true } }),
    ]);
    const byName = new Map(organisations.map((o) => [o.name, o.id]));
    return new DemoDesk(db, actors, {
      organisations: new Map(DEMO_ORGANISATIONS.flatMap((o) => (byName.has(o.name) ? [[o.key, byName.get(o.name)!] as const] : []))),
      areas: new Map(areas.map((a) => [a.code, a.id])),
      services: new Map(services.map((s) => [s.name, s.id])),
    });
  }

  /** The seeded cases, by police URN (the story adds to some of them). */
  seededCases(): Promise<{ id: string; policeUrn: string | null }[]> {
    return this.db.prisma.case.findMany({ where: { policeUrn: { in: DEMO_CASES.map((c) => c.policeUrn) } }, select: { id: true, policeUrn: true } });
  }

  /**
   * The unread notices of an organisation joining a case, or of someone being named its
   * contact, for joinings and namings before `before`: by the email of the person they went to.
   */
  async noticesOfJoiningBefore(before: Date): Promise<Map<string, string[]>> {
    const rows = await this.db.prisma.notification.findMany({
      where: { readAt: null, kind: { in: ["ORGANISATION_JOINED_CASE", "NAMED_CONTACT_HANDED_OVER"] } },
      select: { id: true, userId: true, kind: true, involvementId: true, handoverId: true },
    });
    const [involvements, handovers] = await Promise.all([
      this.db.prisma.caseInvolvement.findMany({ where: { id: { in: rows.flatMap((r) => (r.involvementId ? [r.involvementId] : [])) } }, select: { id: true, since: true } }),
      this.db.prisma.contactHandover.findMany({ where: { id: { in: rows.flatMap((r) => (r.handoverId ? [r.handoverId] : [])) } }, select: { id: true, at: true } }),
    ]);
    const when = new Map([...involvements.map((i) => [i.id, i.since] as const), ...handovers.map((h) => [h.id, h.at] as const)]);
    const emailOf = new Map([...this.actors].map(([email, actor]) => [actor.userId, email]));
    const old = new Map<string, string[]>();
    for (const r of rows) {
      const at = when.get((r.kind === "NAMED_CONTACT_HANDED_OVER" ? r.handoverId : r.involvementId) ?? "");
      const email = emailOf.get(r.userId);
      if (!at || !email || at.getTime() >= before.getTime()) continue;
      old.set(email, [...(old.get(email) ?? []), r.id]);
    }
    return old;
  }

  /** A demo user's id, by email. */
  user(email: string): string {
    return this.actor(email).userId;
  }

  /** A demo organisation's id, by its seed key ("ns-isva"). */
  organisation(key: string): string {
    return must(this.ids.organisations.get(key), `organisation ${key}`);
  }

  area(code: string): string {
    return must(this.ids.areas.get(code), `area ${code}`);
  }

  /** A directory service's id, by its name. */
  service(name: string): string {
    return must(this.ids.services.get(name), `directory service ${name}`);
  }

  /**
   * One step of the story: `email` does `work` at `at`, under their everyday purpose (or the
   * one given), exactly as one request from them would. The step's reads are logged when it
   * ends, as the HTTP edge logs them before the response leaves; its writes log themselves.
   */
  async as<T>(email: string, at: Date, work: (ctx: CoreContext) => Promise<T>, purpose?: AccessPurpose): Promise<T> {
    const actor = this.actor(email);
    const stated = purpose ?? everydayPurpose(actor);
    const audit = new RequestAudit(actor, stated);
    const ctx: CoreContext = { prisma: this.db.prisma, actor, purpose: stated, ability: defineAbilityFor(actor, { purpose: stated, now: at }), audit, now: () => at };
    try {
      return await work(ctx);
    } finally {
      await audit.flush(this.db.prisma);
    }
  }

  /** A step the hub refuses, as the story expects (its refusal is logged like any other). */
  async refused(email: string, at: Date, work: (ctx: CoreContext) => Promise<unknown>): Promise<HubError> {
    try {
      await this.as(email, at, work);
    } catch (error) {
      if (error instanceof HubError) return error;
      throw error;
    }
    throw new Error("The story expected the hub to refuse this step, and it did not.");
  }

  private actor(email: string): Actor {
    return must(this.actors.get(email), `demo user ${email}`);
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The demo partnership has no ${what}.`);
  return value;
}
