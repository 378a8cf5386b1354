// Keyboard-only and reflow checks for the portal's browser tests: what has focus (and whether
// its focus ring shows), Tab until a control is reached, and whether a page scrolls sideways
// or cuts anything off at a narrow width. The same checks as portal-keyboard-zoom.test.ts,
// shared for the pages added since.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { screenshot } from "./portal-browser-helpers.js";

export type Focus = { tag: string; name: string; ring: boolean; onScreen: boolean; value: string };

/** What has keyboard focus: its tag, its label (or text), whether a focus ring shows, its value. */
export function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return { tag: "BODY", name: "", ring: false, onScreen: false, value: "" };
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
      value: el.value ?? "",
    };
  });
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until focus is on a control whose label or text is
 * `wanted` (a string must match exactly), checking the focus ring at every stop.
 */
export async function tabTo(page: Page, wanted: string | RegExp, backwards = false): Promise<Focus> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (!f.ring || !f.onScreen) await screenshot(page, "keyboard-focus-problem");
    expect(f.ring, `a visible focus ring on ${f.tag} "${f.name.slice(0, 60)}"`).toBe(true);
    expect(f.onScreen, `${f.tag} "${f.name.slice(0, 60)}" is on screen when focused`).toBe(true);
    if (typeof wanted === "string" ? f.name === wanted : wanted.test(f.name)) return f;
  }
  throw new Error(`Tabbed 120 times without reaching ${String(wanted)}`);
}

/** Tab to a field, then type into it (a select takes the first option starting with the text). */
export async function tabAndType(page: Page, label: string | RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

/** Scrolls sideways, or has content outside the window or cut off? (Wide tables may scroll inside their own region.) */
export function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".visually-hidden, .skip-link") || el.parentElement?.closest(".table-scroll")) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.right > root.clientWidth + 1 || box.left < -1) problems.push(`outside the window: ${describe(el)} (${Math.round(box.left)} to ${Math.round(box.right)})`);
      const style = getComputedStyle(el);
      if ((style.overflowX === "hidden" || style.overflowX === "clip") && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off: ${describe(el)}`);
    }
    return problems;
  });
}

/** Nothing about the case or the victim is left in the address bar, the title or the browser's storage. */
export async function leavesNoTrace(page: Page, secrets: readonly string[]): Promise<void> {
  const url = page.url();
  const title = await page.title();
  const stored = await page.evaluate(async () => {
    const all = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
    const databases = (await indexedDB.databases?.()) ?? [];
    return { text: all.join(" "), databases: databases.length };
  });
  for (const secret of secrets) {
    expect(url, "the address bar").not.toContain(secret);
    expect(url, "the address bar").not.toContain(encodeURIComponent(secret));
    expect(title, "the page title").not.toContain(secret);
    expect(stored.text, "browser storage").not.toContain(secret);
  }
  expect(stored.databases, "IndexedDB databases").toBe(0);
}

/**
 * Types a date ("1999-03-14") into the focused date input, whichever order the browser's own
 * locale puts its day, month and year in (Chromium follows the system's, not the page's):
 * month first, and if that is not it, day first.
 */
export async function typeDate(page: Page, iso: string): Promise<void> {
  const [year, month, day] = iso.split("-") as [string, string, string];
  await page.keyboard.type(`${month}${day}${year}`);
  if ((await focused(page)).value === iso) return;
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(`${day}${month}${year}`);
  expect((await focused(page)).value, "the date typed").toBe(iso);
}
