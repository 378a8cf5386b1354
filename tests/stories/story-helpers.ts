// What every story needs: the real hub over real HTTP with real tokens, one person per step,
// and the hub's own background jobs run when time has passed. No SQL for a story's own data.
import { drainOutbox, notifyOutboxHandler, scanBreachedClocks, scheduleKeepInTouch } from "@hub/jobs";
import { startTestHub, type TestHub } from "../support/test-hub.js";

export const PEOPLE = {
  mark: "officer@northshire-police.example.org", // DC Mark Lewis, Northshire Police
  priya: "wcu.officer@northshire-police.example.org", // Priya Shah, Witness Care Unit
  tom: "wcu.lead@northshire-police.example.org", // Tom Reid, Witness Care Unit lead
  grace: "vlo@cps-northshire.example.org", // Grace Adeyemi, CPS victim liaison officer
  daniel: "prosecutor@cps-northshire.example.org", // Daniel Hughes, CPS prosecutor
  amira: "isva@northshire-rapecrisis.example.org", // Amira Khan, ISVA
  helen: "lead@northshire-rapecrisis.example.org", // Helen Ford, ISVA service lead
  jo: "idva@safesteps-northshire.example.org", // Jo Evans, IDVA
  sam: "caseworker@victimsupport-northshire.example.org", // Sam Okafor, Victim Support
  ruth: "auditor@northshire-partnership.example.org", // Ruth Bennett, partnership auditor
  femi: "directory@northshire-partnership.example.org", // Femi Adebayo, Northshire partnership administrator
  chloe: "isva@southshire-isva.example.org", // Chloe Martin, Southshire ISVA
  owen: "admin@southshire-partnership.example.org", // Owen Price, Southshire partnership administrator
} as const;

export type Person = keyof typeof PEOPLE;

export interface Story {
  hub: TestHub;
  /** Runs an operation as this person (their everyday purpose unless one is given); fails the story on a GraphQL error. */
  as(person: Person, query: string, variables?: Record<string, unknown>, purpose?: string | null): Promise<any>;
  /** The same, but answers the raw response (for steps that must be refused). */
  raw(person: Person, query: string, variables?: Record<string, unknown>, purpose?: string | null): Promise<{ data?: any; errors?: any[]; status: number }>;
  /** The hub's background work, as its worker runs it every minute: deadlines, keep-in-touch, notifications. */
  runJobs(now?: Date): Promise<void>;
  ids: { organisation(name: string): Promise<string>; person(email: string): Promise<string>; area(code: string): Promise<string> };
  close(): Promise<void>;
}

export async function startStory(): Promise<Story> {
  const hub = await startTestHub();
  const raw: Story["raw"] = (person, query, variables, purpose) => hub.gql(PEOPLE[person], query, variables, purpose);
  const as: Story["as"] = async (person, query, variables, purpose) => {
    const res = await raw(person, query, variables, purpose);
    if (res.errors?.length || res.status !== 200) throw new Error(`${person}: ${res.status} ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const orgs = async () => (await as("femi", `{ organisations { id name } }`)).organisations as { id: string; name: string }[];
  return {
    hub,
    as,
    raw,
    async runJobs(now = new Date()) {
      await scanBreachedClocks(hub.db, now);
      await scheduleKeepInTouch(hub.db, now);
      await drainOutbox(hub.db, notifyOutboxHandler);
    },
    ids: {
      organisation: async (name) => (await orgs()).find((o) => o.name === name)!.id,
      // Colleagues and administered people are listed by the hub; a story never looks them up in SQL.
      person: async (email) => {
        const { administeredOrganisations } = await as("femi", `{ administeredOrganisations { members { person { id email } } } }`);
        return (administeredOrganisations as { members: { person: { id: string; email: string } }[] }[]).flatMap((o) => o.members).find((m) => m.person.email === email)!.person.id;
      },
      area: async (code) => ((await as("mark", `{ areas { id code } }`)).areas as { id: string; code: string }[]).find((a) => a.code === code)!.id,
    },
    close: () => hub.close(),
  };
}

/** A moment this many days before now (negative: after). */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

const LONDON = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false });

/** The most recent moment before `before` whose London weekday and time match (e.g. a weekday at 11:00). */
export function lastLondon(match: (weekday: string, time: string) => boolean, before = new Date(Date.now() - 3_600_000)): string {
  const start = new Date(before);
  start.setUTCMinutes(0, 0, 0);
  for (let t = start.getTime(); t > start.getTime() - 14 * 86_400_000; t -= 3_600_000) {
    const parts = Object.fromEntries(LONDON.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    if (match(parts.weekday!, `${parts.hour}:${parts.minute}`)) return new Date(t).toISOString();
  }
  throw new Error("no such London moment in the last fortnight");
}
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"];
