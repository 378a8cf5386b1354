// The portal with a keyboard only, and at 200% zoom, in a real browser against the real hub
// (embedded mode). Keyboard: sign in, skip to the content, open a case and record a contact
// (including a time in the future, refused inline) with key presses only, checking the focus
// ring at every stop. Zoom: every page at 640 CSS px wide (a 1280px window at 200%) and at
// 320 CSS px (WCAG 1.4.10 reflow) scrolls only up and down, and nothing is cut off.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { checkPage, hubAndBrowserWithFigures, openFromNav, screenshot, signIn } from "./portal-browser-helpers.js";

const URN = "41NS0102325";

type Focus = { tag: string; name: string; ring: boolean; onScreen: boolean; inMain: boolean; value: string };

/** What has keyboard focus, and whether it shows a focus ring (an outline, or the yellow ring). */
function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return { tag: "BODY", name: "", ring: false, onScreen: false, inMain: false, value: "" };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const yellowRing = style.boxShadow.includes("rgb(255, 221, 0)");
    const box = el.getBoundingClientRect();
    const label = el.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? el.textContent ?? "";
    return {
      tag: el.tagName,
      name: label.trim().replace(/\s+/g, " "),
      ring: outline || yellowRing,
      onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
      inMain: !!el.closest("main"),
      value: el.value ?? "",
    };
  });
}

/** Presses Tab (or Shift+Tab) until focus is on what `wanted` matches, checking the focus ring at every stop. */
async function tabTo(page: Page, wanted: (f: Focus) => boolean, backwards = false): Promise<Focus> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (!f.ring || !f.onScreen) await screenshot(page, "keyboard-focus-problem");
    expect(f.ring, `a visible focus ring on ${f.tag} "${f.name.slice(0, 60)}"`).toBe(true);
    expect(f.onScreen, `${f.tag} "${f.name.slice(0, 60)}" is on screen when focused`).toBe(true);
    if (wanted(f)) return f;
  }
  throw new Error("Tabbed 80 times without reaching the element");
}

const named = (text: string | RegExp) => (f: Focus) => (typeof text === "string" ? f.name === text : text.test(f.name));

/** Today in London, as a date input shows it. */
const londonToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/**
 * Moves the focused date input with the arrow keys until `done` accepts its value: one
 * segment at a time (day, month or year, in whatever order the locale puts them), undoing a
 * step that did not help.
 */
async function arrowDate(page: Page, key: "ArrowUp" | "ArrowDown", done: (value: string) => boolean) {
  const undo = key === "ArrowUp" ? "ArrowDown" : "ArrowUp";
  for (const rightwards of [2, 1, 0]) {
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
    for (let i = 0; i < rightwards; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press(key);
    if (done((await focused(page)).value)) return;
    await page.keyboard.press(undo);
  }
  throw new Error("The arrow keys did not move the date as wanted");
}

/**
 * Scrolls horizontally, or has content outside the window or cut off? Wide data tables may
 * scroll inside their own region (WCAG 1.4.10 allows it); the compliance bar tables may not.
 */
function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".visually-hidden, .skip-link") || el.parentElement?.closest(".table-scroll:not(:has(.bar-table))")) continue;
      const box = el.getBoundingClientRect();
      // Nothing to see: empty, or hidden for screen readers only (the 1px clip technique).
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.right > root.clientWidth + 1 || box.left < -1) problems.push(`outside the window: ${describe(el)} (${Math.round(box.left)} to ${Math.round(box.right)})`);
      const style = getComputedStyle(el);
      if ((style.overflowX === "hidden" || style.overflowX === "clip") && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off: ${describe(el)}`);
    }
    return problems;
  });
}

describe("the portal with a keyboard only, and at 200% zoom", () => {
  const started = hubAndBrowserWithFigures();

  it("signs in, skips to the content, opens a case and records a contact with the keyboard only", async () => {
    const context = await started.browser.newContext({ baseURL: started.hub.base, locale: "en-GB", timezoneId: "Europe/London", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Sign in" }).waitFor();

    // The skip link is the first stop, visible when focused, and moves focus into <main>.
    const skip = await tabTo(page, () => true);
    expect(skip).toMatchObject({ tag: "A", name: "Skip to main content" });
    await tabTo(page, named("Sign in"));
    await page.keyboard.press("Enter");

    // The demo provider's page: a radio group of people, then the button.
    await page.waitForURL(/\/oidc\//);
    await tabTo(page, (f) => f.tag === "INPUT");
    for (let i = 0; i < 20 && !(await focused(page)).name.includes("Amira Khan"); i++) await page.keyboard.press("ArrowDown");
    expect((await focused(page)).name).toContain("Amira Khan");
    await tabTo(page, (f) => f.tag === "BUTTON");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "My caseload" }).waitFor();
    await page.getByText(/\d+ cases?\./).waitFor();

    // Back up through the header to the skip link, then straight into the caseload.
    const skipLink = await tabTo(page, named("Skip to main content"), true);
    expect(skipLink).toMatchObject({ tag: "A", name: "Skip to main content", ring: true, onScreen: true });
    await screenshot(page, "keyboard-skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main-content");
    const first = await tabTo(page, () => true);
    expect(first.inMain, "the first stop after skipping is in the main content").toBe(true);

    // Open the case.
    await tabTo(page, named(new RegExp(`^Police URN ${URN}`)));
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();

    // Record a contact: first with a date in the future, which the form refuses inline.
    await tabTo(page, named("Date"));
    expect((await focused(page)).value).toBe(londonToday());
    await arrowDate(page, "ArrowUp", (value) => value > londonToday());
    await tabTo(page, named("How did you contact her?"));
    await page.keyboard.type("Phone");
    await tabTo(page, named("What happened?"));
    await page.keyboard.type("Spoke");
    const summary = "Called her to say the trial date is confirmed and what happens on the day.";
    await tabTo(page, named("Summary of the contact"));
    await page.keyboard.type(summary);
    await tabTo(page, named("Record the contact"));
    await page.keyboard.press("Enter");
    const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await problem.waitFor();
    await expect(problem.getByText("The time of the contact cannot be in the future: enter when it happened").isVisible()).resolves.toBe(true);
    await screenshot(page, "keyboard-contact-in-future");
    // The error summary's link takes focus to the date; the arrow keys bring it back to today.
    await tabTo(page, named("The time of the contact cannot be in the future: enter when it happened"));
    await page.keyboard.press("Enter");
    expect((await focused(page)).name).toBe("Date");
    await arrowDate(page, "ArrowDown", (value) => value === londonToday());

    await tabTo(page, named("Record the contact"));
    await page.keyboard.press("Space");
    await page.getByText(/Contact recorded: Phone call/).waitFor();
    expect((await focused(page)).name).toMatch(/^Contact recorded: Phone call/);
    const ledger = page.getByRole("region", { name: "Communication ledger, newest first" });
    await expect(ledger.getByRole("row").filter({ hasText: summary }).count()).resolves.toBe(1);
    await checkPage(page, "keyboard-contact-recorded");
    await context.close();
  });

  for (const width of [640, 320]) {
    it(`reflows every page at ${width} CSS pixels wide${width === 640 ? " (1280px at 200% zoom)" : " (WCAG 1.4.10)"}`, async () => {
      const options = { viewport: { width, height: 900 }, deviceScaleFactor: 2 };
      const check = async (page: Page, name: string) => {
        await screenshot(page, `zoom-${width}-${name}`);
        expect(await reflowProblems(page), `${name} at ${width}px`).toEqual([]);
      };

      const amira = await signIn(started.browser, started.hub, "Amira Khan", options);
      await amira.getByText(/\d+ cases?\./).waitFor();
      await check(amira, "caseload");
      await amira.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
      await amira.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
      await check(amira, "case");
      await openFromNav(amira, "Referrals inbox", "Referrals inbox");
      await amira.getByText(/\d+ referrals?\.|no referrals/i).first().waitFor();
      await check(amira, "referrals");
      await openFromNav(amira, "Find local support", /local support/i);
      await check(amira, "directory");
      await amira.context().close();

      const ruth = await signIn(started.browser, started.hub, "Ruth Bennett", options);
      await openFromNav(ruth, "Who has seen a victim's data", "Who has seen this victim's data");
      await ruth.getByLabel("Victim reference").fill("V-NS-0001");
      await ruth.getByRole("button", { name: "Show who has seen her data" }).click();
      await ruth.getByText(/\d+ entr(y|ies) for V-NS-0001\./).waitFor();
      await check(ruth, "access-log");
      await openFromNav(ruth, "Victims' Code compliance", "Victims' Code compliance");
      await ruth.getByText(/^Showing the last 12 months/).waitFor();
      await check(ruth, "compliance");
      await ruth.context().close();
    });
  }
});
