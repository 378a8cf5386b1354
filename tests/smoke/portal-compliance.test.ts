// The compliance page in a real browser against the real hub (embedded mode): a partnership
// auditor and an organisation admin see bars with their figures in words and the tables;
// people whose role does not allow it see no link, and a plain sentence if the hub refuses.
import { describe, expect, it } from "vitest";
import { checkPage, hubAndBrowserWithFigures, openFromNav, screenshot, signIn } from "./portal-browser-helpers.js";

describe("the compliance page in a browser", () => {
  const started = hubAndBrowserWithFigures();

  it("a partnership auditor sees on-time bars with their figures in words, the tables, and the filters", async () => {
    const page = await signIn(started.browser, started.hub, "Ruth Bennett");
    await openFromNav(page, "Victims' Code compliance", "Victims' Code compliance");
    await page.getByText(/^Showing the last 12 months, all areas, all organisations: \d+ groups\.$/).waitFor();

    const hearing = page.getByRole("table", { name: /Right 8: tell her about a court hearing/ });
    const wcu = hearing.getByRole("row", { name: /Northshire Police Witness Care Unit/ });
    await expect(wcu.getByText("60% on time, 3 of 5").isVisible()).resolves.toBe(true);
    await expect(wcu.getByText("1 missed and still not done; 1 done late").isVisible()).resolves.toBe(true);
    // Every bar is drawn, and hidden from assistive technology: the words are the figure.
    await expect(wcu.locator(".bar-track[aria-hidden='true']").count()).resolves.toBe(2);
    const letters = page.getByRole("table", { name: /Right 6: letter explaining a decision/ });
    await expect(letters.getByRole("row", { name: /CPS Northshire/ }).getByText("100% on time, 4 of 4").isVisible()).resolves.toBe(true);
    await expect(letters.getByRole("row", { name: /CPS Northshire/ }).getByText("None missed").isVisible()).resolves.toBe(true);
    // Two police updates only: withheld, in words.
    const police = page.getByRole("table", { name: /Right 6: police update/ }).getByRole("row", { name: /Northshire Police/ });
    await expect(police.getByText(/^Withheld: fewer than 3/).isVisible()).resolves.toBe(true);
    // Referral acknowledgement, for the organisation referred to.
    const referrals = page.getByRole("table", { name: "Referrals acknowledged, by the organisation referred to" });
    await expect(referrals.getByRole("row", { name: /Southshire ISVA Service/ }).getByText("66.7% on time, 2 of 3").isVisible()).resolves.toBe(true);
    // Days between updates: gaps of 14, 14, 7 and 20 days, median 14.
    const intervals = page.getByRole("table", { name: "Median days between updates, by organisation" });
    await expect(intervals.getByRole("row", { name: /Northshire Police Witness Care Unit/ }).getByText("14 days", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(intervals.getByText("4 updates, 3 cases").isVisible()).resolves.toBe(true);
    await checkPage(page, "compliance-auditor");

    // Filters: one organisation; then a period with nothing in it, said in plain words.
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "CPS Northshire" });
    await page.getByRole("button", { name: "Show the figures" }).click();
    await page.getByText(/^Showing the last 12 months, all areas, CPS Northshire: 1 group\.$/).waitFor();
    await expect(page.getByRole("table").count()).resolves.toBe(1);
    await page.getByLabel("Period", { exact: true }).selectOption({ label: "Last financial year (April to March)" });
    await page.getByLabel("Area", { exact: true }).selectOption({ label: "Southshire" });
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "All organisations" });
    await page.getByRole("button", { name: "Show the figures" }).click();
    await page.getByText(/^No Victims' Code deadlines fell in this period/).waitFor();
    await checkPage(page, "compliance-empty");
    await page.context().close();
  });

  it("an organisation admin sees the same figures", async () => {
    const page = await signIn(started.browser, started.hub, "Tom Reid");
    await openFromNav(page, "Victims' Code compliance", "Victims' Code compliance");
    await page.getByRole("table", { name: /Right 8: tell her about a court hearing/ }).getByText("60% on time, 3 of 5").waitFor();
    await screenshot(page, "compliance-organisation-admin");
    await page.context().close();
  });

  it("a caseworker and an advocate see no link; if the hub refuses the report, the page says so plainly", async () => {
    for (const name of ["Priya Shah", "Amira Khan"]) {
      const page = await signIn(started.browser, started.hub, name);
      const nav = page.getByRole("navigation", { name: "Portal" });
      await expect(nav.getByRole("button", { name: "My caseload" }).isVisible()).resolves.toBe(true);
      await expect(nav.getByRole("button", { name: "Victims' Code compliance" }).count()).resolves.toBe(0);
      await page.context().close();
    }
    // The page has no address of its own, so a person without the role cannot reach it; if
    // their role changes while it is open, the hub refuses the next request. That refusal,
    // exactly as the hub gives it to a caseworker, is what the page then shows.
    const token = await started.hub.cli("token", "wcu.officer@northshire-police.example.org");
    const page = await signIn(started.browser, started.hub, "Tom Reid");
    await page.route("**/graphql", async (route) => {
      const body = route.request().postData() ?? "";
      if (!body.includes("complianceReport")) return route.continue();
      const refused = await fetch(`${started.hub.base}/graphql`, { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body });
      const json = (await refused.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(json.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      await route.fulfill({ status: refused.status, contentType: "application/json", body: JSON.stringify(json) });
    });
    await page.getByRole("navigation", { name: "Portal" }).getByRole("button", { name: "Victims' Code compliance" }).click();
    await page.getByText("This page is not available to your role.", { exact: false }).waitFor();
    await expect(page.getByRole("table").count()).resolves.toBe(0);
    await checkPage(page, "compliance-not-available");
    await page.context().close();
  });
});
