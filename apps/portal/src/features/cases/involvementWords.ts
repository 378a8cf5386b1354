// The agencies on a case, its stages over time and changes to her details, in the words
// people at the partner organisations use.
import { inPlainWords, listInWords } from "../../app/words";
import { categoryInWords, dateInWords, organisationKindInWords, purposeInWords, stageInWords } from "./caseWords";

const capacityLabels: Record<string, string> = {
  INVESTIGATING_POLICE: "Investigating the crime",
  WITNESS_CARE: "Witness care",
  PROSECUTION: "Prosecution",
  ISVA_SUPPORT: "ISVA support (independent sexual violence adviser)",
  IDVA_SUPPORT: "IDVA support (independent domestic violence adviser)",
  VICTIM_SUPPORT: "Victim support",
  OTHER_SUPPORT: "Other support",
};

export function capacityInWords(capacity: string): string {
  return inPlainWords(capacityLabels, capacity);
}

/** The capacity each kind of organisation works on a case in (the hub's rule: it refuses any other). */
const capacityOfKind: Record<string, string> = {
  POLICE: "INVESTIGATING_POLICE",
  POLICE_WCU: "WITNESS_CARE",
  CPS: "PROSECUTION",
  ISVA_SERVICE: "ISVA_SUPPORT",
  IDVA_SERVICE: "IDVA_SUPPORT",
  VICTIM_SUPPORT_CHARITY: "VICTIM_SUPPORT",
  OTHER: "OTHER_SUPPORT",
};

export function capacityOfKindInWords(kind: string): string {
  return capacityInWords(capacityOfKind[kind] ?? "OTHER_SUPPORT");
}

/**
 * How an organisation came to be on the case. `lawfulBasis` is the basis's label from the
 * partnership's list (its code when the list could not be read); `consentGiven` when she gave
 * the consent it joined on.
 */
export function howItJoinedInWords(i: { basis: string; lawfulBasisCode?: string | null }, lawfulBasis: string | null, consentGiven: string | null): string {
  switch (i.basis) {
    case "DUTY":
      return "By its duty";
    case "LAWFUL_BASIS":
      return `On a lawful basis: ${lawfulBasis ?? i.lawfulBasisCode ?? "not recorded"}`;
    case "CONSENT":
      return consentGiven ? `On her consent, given ${dateInWords(consentGiven)}` : "On her consent";
    case "REFERRAL":
      return "Accepted a referral";
    default:
      return inPlainWords({}, i.basis);
  }
}

type Person = { id: string; name: string } | null | undefined;

/** One naming or hand-over of a named contact: "3 March 2026: Priya Shah named as the contact by Tom Reid. Why: …" */
export function handoverInWords(h: { at: string; from?: Person; to: { id: string; name: string }; by?: Person; reason?: string | null }): string {
  const by = h.by && h.by.id !== h.to.id ? ` by ${h.by.name}` : "";
  const what = h.from ? `${h.from.name} handed over to ${h.to.name}${by}` : `${h.to.name} named as the contact${by}`;
  return `${dateInWords(h.at)}: ${what}.${h.reason ? ` Why: ${h.reason}` : ""}`;
}

/** One stage change: "3 March 2026: opened at Charged." The reason, when there is one, follows. */
export function stageChangeInWords(c: { cause: string; fromStage?: string | null; toStage: string; at: string; reason?: string | null }, by: string | null): string {
  const to = stageInWords(c.toStage);
  const from = c.fromStage ? stageInWords(c.fromStage) : null;
  let what: string;
  switch (c.cause) {
    case "OPENED":
      what = `Opened at “${to}”`;
      break;
    case "CLOSED":
      what = from ? `Closed (it was at “${from}”)` : "Closed";
      break;
    case "REOPENED":
      what = `Reopened, back to “${to}”`;
      break;
    case "EVENT":
      what = from ? `Moved from “${from}” to “${to}” by an update` : `Moved to “${to}” by an update`;
      break;
    default:
      what = from ? `Moved from “${from}” to “${to}”` : `Moved to “${to}”`;
  }
  return `${dateInWords(c.at)}: ${what}${by ? `, by ${by}` : ""}.${c.reason ? ` Why: ${c.reason}` : ""}`;
}

/** The stage a closed case goes back to when reopened: the one it had before it last closed. */
export function stageBeforeClosing(history: readonly { toStage: string; fromStage?: string | null }[]): string | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const change = history[i]!;
    if (change.toStage === "CLOSED") return change.fromStage && change.fromStage !== "CLOSED" ? change.fromStage : null;
  }
  return null;
}

const detailLabels: Record<string, string> = {
  fullName: "full name",
  preferredName: "preferred name",
  dateOfBirth: "date of birth",
  address: "address",
  postcode: "postcode",
  phone: "phone number",
  email: "email address",
};

/** ["preferredName", "dateOfBirth"] -> "her preferred name and date of birth" */
export function changedFieldsInWords(fields: readonly string[]): string {
  if (fields.length === 0) return "her details";
  return `her ${listInWords(fields.map((f) => detailLabels[f] ?? inPlainWords({}, f).toLowerCase()))}`;
}

/** One earlier version of her details: "Changed on 3 March 2026 by Northshire Police: her preferred name." */
export function detailsChangeInWords(change: { changedFields: readonly string[]; replacedAt: string }, by: string): string {
  return `Changed on ${dateInWords(change.replacedAt)} by ${by}: ${changedFieldsInWords(change.changedFields)}.`;
}

const calendarDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A date with no time (a date of birth), "1999-03-14" -> "14 March 1999", the same in every time zone. */
export function calendarDateInWords(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return calendarDate.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** Her age in whole years on `today` (both YYYY-MM-DD), for "14 March 1999 (aged 27)". */
export function ageOn(dateOfBirth: string, today: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !t) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [ty, tm, td] = [Number(t[1]), Number(t[2]), Number(t[3])];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

type Scope = { category: string; purpose: string; recipientKind?: string | null; recipientOrganisationId?: string | null };

/** One thing a consent covers: "How the case is going: to ISVA services, for support and advocacy". */
export function consentScopeInWords(s: Scope, organisationName: (id: string) => string): string {
  const to = s.recipientOrganisationId ? organisationName(s.recipientOrganisationId) : organisationKindInWords(s.recipientKind ?? "OTHER");
  return `${categoryInWords(s.category)}: to ${to}, for ${purposeInWords(s.purpose).toLowerCase()}`;
}

/**
 * Whether a consent lets an organisation see how her case is going (the hub's own test when a
 * support service is added on her consent): in force, naming it or its kind for case progress,
 * and nothing about case progress kept back from it.
 */
export function consentLetsSeeCase(
  consent: { withdrawnAt?: string | null; scopes: readonly Scope[]; withholdings: readonly { category: string; fromOrganisationId?: string | null }[] },
  organisation: { id: string; kind: string },
): boolean {
  if (consent.withdrawnAt) return false;
  const names = (s: Scope) => s.recipientOrganisationId === organisation.id || s.recipientKind === organisation.kind;
  return (
    consent.scopes.some((s) => s.category === "CASE_PROGRESS" && names(s)) &&
    !consent.withholdings.some((w) => w.category === "CASE_PROGRESS" && (!w.fromOrganisationId || w.fromOrganisationId === organisation.id))
  );
}
