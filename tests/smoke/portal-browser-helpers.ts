// What the portal's browser tests share: Debian's chromium driven by playwright-core, axe-core
// (WCAG 2.2 AA) evaluated under the hub's own Content-Security-Policy, screenshots in
// test-results/screenshots/, signing in through the demo provider, and compliance figures
// written into the embedded database while the hub is stopped.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { type Database, openDatabase } from "@hub/db";
import { seedDemoPartnership } from "@hub/db/seed";
import { afterAll, beforeAll, expect } from "vitest";
import { embeddedServer, root, type ServerProcess } from "./server-process.js";

export const screenshots = path.join(root, "test-results", "screenshots");
const axeSource = readFileSync(path.join(root, "node_modules", "axe-core", "axe.min.js"), "utf8");

type AxeViolation = { id: string; help: string; nodes: { target: unknown[] }[] };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

export async function axeViolations(page: Page): Promise<string[]> {
  // The CSP blocks the inline <script> page.addScriptTag would add, so axe.min.js is
  // evaluated through the DevTools protocol instead.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

/** A screenshot, then no axe-core violations. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeViolations(page), `axe-core on ${name}`).toEqual([]);
}

/** A fresh browser profile in London, signed in as the demo user `name` through the provider's page. */
export async function signIn(browser: Browser, hub: ServerProcess, name: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: hub.base, locale: "en-GB", timezoneId: "Europe/London", ...options });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/oidc\//);
  await page.getByText(name, { exact: true }).click();
  await page.locator('form[method="post"] button[type="submit"]').first().click();
  await page.locator("h1").first().waitFor();
  await page.getByRole("navigation", { name: "Portal" }).waitFor();
  return page;
}

/** A GraphQL call to the real hub as the demo user `email`, with a token from its own CLI. */
export async function hubGql(
  hub: ServerProcess,
  email: string,
  query: string,
  variables: Record<string, unknown> = {},
  purpose = "SUPPORT_AND_ADVOCACY",
): Promise<{ data?: any; errors?: unknown[] }> {
  const token = await hub.cli("token", email);
  const res = await fetch(`${hub.base}/graphql`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "X-Access-Purpose": purpose },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

/**
 * Writes straight into the hub's embedded database: PGlite is one process's, so the hub is
 * stopped first and started again after, whatever `write` does.
 */
export async function withStoppedHub(hub: ServerProcess, write: (db: Database) => Promise<void>): Promise<void> {
  await hub.stop();
  const db = await openDatabase({ kind: "pglite", dataDir: path.join(hub.dataDir, "pglite") });
  try {
    await write(db);
  } finally {
    await db.close();
  }
  await hub.start();
}

/** Opens a portal page from the navigation and waits for its heading. */
export async function openFromNav(page: Page, link: string, heading: string | RegExp): Promise<void> {
  await page.getByRole("navigation", { name: "Portal" }).getByRole("button", { name: link }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/**
 * For a describe block: the real hub in embedded mode with the compliance figures below, and
 * the browser; both are there once beforeAll has run, and gone after the block. The figures
 * are counted on the demo partnership as the base seed makes it, without its working day
 * (whose own deadlines and contacts would be counted with them): the hub starts seeding
 * nothing, and seedComplianceFigures seeds the partnership.
 */
export function hubAndBrowserWithFigures(): { hub: ServerProcess; browser: Browser } {
  const started = {} as { hub: ServerProcess; browser: Browser };
  beforeAll(async () => {
    started.hub = await embeddedServer({ HUB_SEED_DEMO: "no" });
    await started.hub.start();
    await seedComplianceFigures(started.hub);
    started.browser = await launchBrowser();
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.hub?.dispose();
  });
  return started;
}

const DAY = 86_400_000;

/**
 * Compliance figures for the demo, written straight into the stopped hub's embedded database
 * (the hub is restarted after): Victims' Code clocks due in the last few weeks, referral acknowledgement
 * referral acknowledgements, and updates that reached victims. Enough per group that the
 * figures are shown, plus one group small enough to be withheld.
 */
export async function seedComplianceFigures(hub: ServerProcess, now = Date.now()): Promise<void> {
  await withStoppedHub(hub, async (db) => {
    const prisma = db.prisma;
    await seedDemoPartnership(prisma);
    const org = async (name: string) => (await prisma.organisation.findUniqueOrThrow({ where: { name } })).id;
    const user = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const cases = new Map((await prisma.case.findMany({ select: { id: true, policeUrn: true } })).map((c) => [c.policeUrn, c.id]));
    const A = cases.get("41NS0102325")!;
    const B = cases.get("41NS0117825")!;
    const E = cases.get("41NS0119025")!;
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
    const clock = (caseId: string, duty: string, owedByKind: "POLICE" | "POLICE_WCU" | "CPS" | "ISVA_SERVICE", startedDaysAgo: number, dueDaysAgo: number, doneDaysAgo?: number) => ({
      caseId,
      duty,
      owedByKind,
      enhanced: false,
      startedAt: at(startedDaysAgo),
      dueAt: at(dueDaysAgo),
      satisfiedAt: doneDaysAgo === undefined ? null : at(doneDaysAgo),
    });
    await prisma.statutoryClock.createMany({
      data: [
        // The Witness Care Unit: 3 on time, 1 late, 1 missed and still not done.
        clock(A, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU", 40, 39, 39.5),
        clock(B, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU", 30, 29, 29.2),
        clock(E, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU", 20, 19, 19.5),
        clock(A, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU", 15, 14, 10),
        clock(B, "RIGHT_8_HEARING_DETAILS", "POLICE_WCU", 8, 7),
        // The CPS: 4 letters, all on time.
        clock(A, "RIGHT_6_VCL_LETTER", "CPS", 50, 43, 45),
        clock(B, "RIGHT_6_VCL_LETTER", "CPS", 40, 33, 34),
        clock(E, "RIGHT_6_VCL_LETTER", "CPS", 30, 23, 29),
        clock(A, "RIGHT_6_VCL_LETTER", "CPS", 20, 13, 16),
        // The police: two updates only, so withheld.
        clock(A, "RIGHT_6_POLICE_UPDATE", "POLICE", 20, 13, 18),
        clock(B, "RIGHT_6_POLICE_UPDATE", "POLICE", 12, 5, 11),
      ],
    });
    // Three referrals to the Southshire ISVA service: two acknowledged in time, one late.
    const [police, isva, wcu] = [await org("Northshire Police"), await org("Southshire ISVA Service"), await org("Northshire Police Witness Care Unit")];
    const officer = await user("officer@northshire-police.example.org");
    for (const [caseId, started, due, done] of [[A, 30, 28, 29.5], [B, 25, 23, 24], [E, 20, 18, 14]] as const) {
      const referral = await prisma.referral.create({ data: { caseId, fromOrganisationId: police, toOrganisationId: isva, reason: "Needs ISVA support near her new home.", createdByUserId: officer } });
      await prisma.statutoryClock.create({ data: { ...clock(caseId, "REFERRAL_ACKNOWLEDGEMENT", "ISVA_SERVICE", started, due, done), startedByUpdateId: referral.id } });
    }
    // The Witness Care Unit's updates that reached victims, a week or two apart.
    const wcuOfficer = await user("wcu.officer@northshire-police.example.org");
    await prisma.contactRecord.createMany({
      data: [
        [A, 60], [A, 46], [A, 32], [B, 50], [B, 43], [E, 40], [E, 20],
      ].map(([caseId, daysAgo]) => ({ caseId: caseId as string, at: at(daysAgo as number), byUserId: wcuOfficer, organisationId: wcu, channel: "PHONE" as const, outcome: "REACHED" as const, summary: "Explained what happens next." })),
    });
  });
}
