import { inPlainWords } from "../../app/words";

const offenceLabels: Record<string, string> = {
  SEXUAL_OFFENCE: "Sexual offence",
  DOMESTIC_ABUSE: "Domestic abuse",
  HATE_CRIME: "Hate crime",
  STALKING_HARASSMENT: "Stalking or harassment",
  HOMICIDE: "Homicide",
  MODERN_SLAVERY: "Modern slavery",
  ASSAULT: "Assault",
  ROBBERY: "Robbery",
  BURGLARY: "Burglary",
  FRAUD: "Fraud",
  CRIMINAL_DAMAGE: "Criminal damage",
  OTHER: "Other",
};

const stageLabels: Record<string, string> = {
  REPORTED: "Reported to police",
  UNDER_INVESTIGATION: "Under investigation",
  CHARGING_DECISION: "With CPS for a charging decision",
  CHARGED: "Charged",
  NO_FURTHER_ACTION: "No further action",
  DISCONTINUED: "Discontinued",
  AWAITING_TRIAL: "Awaiting trial",
  TRIAL: "At trial",
  VERDICT: "Verdict given",
  SENTENCED: "Sentenced",
  CLOSED: "Closed",
};

export function offenceInWords(category: string): string {
  return inPlainWords(offenceLabels, category);
}

export function stageInWords(stage: string): string {
  return inPlainWords(stageLabels, stage);
}

// Cases are in England and Wales, so show the date as it was in London:
// a case opened at 00:30 BST must not appear as the day before on a
// computer whose clock is set to UTC.
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** "2026-03-03T10:15:00.000Z" -> "3 March 2026" */
export function dateInWords(isoDate: string): string {
  const date = new Date(isoDate);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}
