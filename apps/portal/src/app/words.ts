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
