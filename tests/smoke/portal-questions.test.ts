// Answering her question, in a real browser against the real hub (embedded mode, the demo's
// working day): Lauren Hayes asked the Witness Care Unit whether she can come back to hear the
// jury's decision. Priya Shah (WCU officer) sees an answer form beside it; an empty answer is
// refused beside its field with focus on the summary; the answer is saved, the question leaves
// "Her open questions", focus moves to what happened, and the hub holds the answer. The ISVA
// on the same case, whose unit the question is not for, is offered no answer form. axe-core
// on each step.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPage, hubGql, launchBrowser, signIn } from "./portal-browser-helpers.js";
import { embeddedServer, type ServerProcess } from "./server-process.js";

const PRIYA = "wcu.officer@northshire-police.example.org";
const URN = "41NS0201126";
const QUESTION = "Can I come back to court to hear the jury's decision, and can my mum sit with me?";
const ANSWER = "Yes. You can sit in the public gallery or wait nearby and we will call you. Your mum can sit with you.";

describe("answering her question, in a browser", () => {
  let hub: ServerProcess;
  let browser: Browser;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    hub = await embeddedServer();
    await hub.start();
    browser = await launchBrowser();
    const found = await hubGql(hub, PRIYA, "query($urn: String) { casesByReference(policeUrn: $urn) { id } }", { urn: URN }, "KEEPING_VICTIM_INFORMED");
    caseId = found.data.casesByReference[0].id as string;
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const openCase = async (p: Page) => {
    await p.getByRole("button", { name: new RegExp(`^Police URN ${URN}`) }).click();
    await p.getByRole("heading", { level: 1, name: `Police URN ${URN}` }).waitFor();
  };
  const questions = (p: Page) => p.getByRole("region", { name: "Her open questions" });

  it("offers no answer form to an organisation the question is not for", async () => {
    const isva = await signIn(browser, hub, "Amira Khan");
    await openCase(isva);
    await questions(isva).getByText(QUESTION, { exact: false }).waitFor();
    await expect(questions(isva).getByRole("form").count()).resolves.toBe(0);
    await isva.context().close();
  });

  it("refuses an empty answer beside its field, then saves the answer and moves focus to what happened", async () => {
    page = await signIn(browser, hub, "Priya Shah");
    await openCase(page);
    const form = questions(page).getByRole("form", { name: `Answer her question: ${QUESTION}` });
    await form.waitFor();
    await checkPage(page, "question-waiting");

    await form.getByRole("button", { name: "Send the answer" }).click();
    const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(form.getByLabel("Your answer").getAttribute("aria-invalid")).resolves.toBe("true");
    // The summary's link takes focus to the field.
    await summary.getByRole("link", { name: "Enter the answer she will be given" }).click();
    await expect.poll(() => form.getByLabel("Your answer").evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(page, "question-answer-empty");

    await form.getByLabel("Your answer").fill(ANSWER);
    await form.getByRole("button", { name: "Send the answer" }).click();
    const done = questions(page).getByRole("status").filter({ hasText: `Her question “${QUESTION}” has been answered.` });
    await done.waitFor();
    await expect.poll(() => done.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(questions(page).getByRole("form").count()).resolves.toBe(0);
    await expect(questions(page).getByRole("listitem").filter({ hasText: QUESTION }).count()).resolves.toBe(0);
    await checkPage(page, "question-answered");

    // The hub holds her answer.
    const held = await hubGql(hub, PRIYA, "query($id: ID!) { case(id: $id) { ... on Case { questions { question answer answeredAt } } } }", { id: caseId }, "KEEPING_VICTIM_INFORMED");
    const answered = held.data.case.questions.find((q: { question: string }) => q.question === QUESTION);
    expect(answered).toMatchObject({ answer: ANSWER });
    expect(answered.answeredAt).not.toBeNull();
  });
});
