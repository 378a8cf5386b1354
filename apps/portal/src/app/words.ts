// Helpers for turning API values into the words people at the partner
// organisations use.

/**
 * Look up the label for an enum value. If the API adds a value the portal
 * does not know yet, show it readably ("NEW_VALUE" -> "New value") rather
 * than a blank cell or a crash.
 */
export function inPlainWords(labels: Readonly<Record<string, string>>, value: string): string {
  const label = labels[value];
  if (label) return label;
  const words = value.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const listFormat = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

/** ["Caseworker", "Organisation admin"] -> "Caseworker and Organisation admin" */
export function listInWords(items: readonly string[]): string {
  return listFormat.format(items);
}

/** "Witness care" -> "witness care", but "ISVA support" stays as it is: for a label inside a sentence. */
export function lowerFirst(words: string): string {
  return /^[A-Z]{2}/.test(words) ? words : words.charAt(0).toLowerCase() + words.slice(1);
}

// Her consent, in the words an adviser would use with her. The keys are the API's enum names
// (DataCategory, AccessPurpose, ConsentSaidHow, ConsentDecision); an unknown value still reads.

const consentCategoryLabels: Readonly<Record<string, string>> = {
  CASE_PROGRESS: "How her case is going",
  IDENTITY: "Who she is",
  CONTACT_DETAILS: "How to contact her",
  NEEDS_AND_VULNERABILITIES: "Her needs",
  SAFE_CONTACT_RULES: "Her safe-contact rules",
  SPECIAL_CATEGORY: "Sensitive (special category) information",
};

/** The six kinds of information she can agree to share, in the order the consent form lists them. */
export const CONSENT_CATEGORIES = Object.keys(consentCategoryLabels);

/** "CONTACT_DETAILS" -> "How to contact her" */
export function consentCategoryInWords(category: string): string {
  return inPlainWords(consentCategoryLabels, category);
}

const consentPurposeLabels: Readonly<Record<string, string>> = {
  SUPPORT_AND_ADVOCACY: "to support her",
  KEEPING_VICTIM_INFORMED: "to keep her informed",
  REFERRAL: "to refer her for support",
  SAFEGUARDING: "to keep her safe",
  LAW_ENFORCEMENT: "for the police investigation",
  COMPLIANCE_MONITORING: "to check the Victims' Code is kept",
  AUDIT: "for an audit",
  SUBJECT_ACCESS: "to answer her request for her data",
};

/** The purposes she can agree to (the others are the hub's own duties, never hers to give). */
export const CONSENT_PURPOSES = ["SUPPORT_AND_ADVOCACY", "KEEPING_VICTIM_INFORMED", "REFERRAL", "SAFEGUARDING", "LAW_ENFORCEMENT"];

/** "KEEPING_VICTIM_INFORMED" -> "to keep her informed" (inside a sentence). */
export function consentPurposeInWords(purpose: string): string {
  return consentPurposeLabels[purpose] ?? inPlainWords({}, purpose).toLowerCase();
}

/** "to keep her informed" -> "To keep her informed" (a label on its own). */
export function consentPurposeLabel(purpose: string): string {
  const words = consentPurposeInWords(purpose);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const saidHowLabels: Readonly<Record<string, string>> = {
  IN_PERSON: "In person",
  PHONE: "On the phone",
  VIDEO_CALL: "On a video call",
  SIGNED_FORM: "She signed a form",
  IN_WRITING: "In writing (a letter, email or message)",
  THROUGH_REPRESENTATIVE: "Through someone speaking for her",
};

export const SAID_HOW = Object.keys(saidHowLabels);

/** "PHONE" -> "On the phone" */
export function saidHowInWords(saidHow: string): string {
  return inPlainWords(saidHowLabels, saidHow);
}

const decisionLabels: Readonly<Record<string, string>> = {
  GIVEN: "She agreed to share",
  WITHHELD: "She asked to keep back",
  WITHDRAWN: "She took back",
};

/** "WITHHELD" -> "She asked to keep back" (followed by what, and from whom). */
export function consentDecisionInWords(decision: string): string {
  return inPlainWords(decisionLabels, decision);
}

const everyOfKindLabels: Readonly<Record<string, string>> = {
  ISVA_SERVICE: "every ISVA service",
  IDVA_SERVICE: "every IDVA service",
  VICTIM_SUPPORT_CHARITY: "every victim support charity",
  POLICE_WCU: "every Witness Care Unit",
  POLICE: "every police force",
  CPS: "the CPS",
  OTHER: "every other organisation",
};

/** The kinds of service a consent can name, in the order forms offer them. */
export const CONSENT_KINDS = ["ISVA_SERVICE", "IDVA_SERVICE", "VICTIM_SUPPORT_CHARITY", "POLICE_WCU", "POLICE", "CPS"];

/** "POLICE_WCU" -> "every Witness Care Unit" (inside a sentence: "share ... with every Witness Care Unit"). */
export function everyOfKindInWords(kind: string): string {
  return everyOfKindLabels[kind] ?? `every ${inPlainWords({}, kind).toLowerCase()}`;
}
