// How a victim's identity and contact details are checked on the way in, whoever types them:
// the same rules when a case is opened and when they are corrected later.
import { z } from "zod";
import { isStorableText } from "../shared/storable-text.js";

const text = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `Keep ${label} to ${max} characters.`)
    .refine((v) => isStorableText(v, { lineBreaks: false }), `${label} has a character in it that cannot be stored. Type it again.`);

/** Optional text: blank clears it. */
const optional = (max: number, label: string) => text(max, label).transform((v) => (v === "" ? null : v)).nullish();

export const fullName = text(200, "Her full name").pipe(z.string().min(1, "Give her full name, as she gives it."));

export const dateOfBirth = z
  .date({ error: "Give her date of birth as a date, such as 1994-05-12." })
  .refine((d) => d.getTime() <= Date.now(), "Her date of birth cannot be in the future.")
  .refine((d) => d.getUTCFullYear() >= 1900, "Check her date of birth: the year is before 1900.")
  .nullish();

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

export const IdentityFields = {
  fullName,
  preferredName: optional(100, "Her preferred name"),
  dateOfBirth,
};

export const ContactDetailsFields = {
  address: optional(500, "Her address"),
  postcode: optional(10, "Her postcode")
    .refine((p) => !p || UK_POSTCODE.test(p), "That is not a UK postcode, such as LS1 4AP. Check it, or leave it blank.")
    .transform((p) => (p ? p.toUpperCase().replace(/\s+/g, "").replace(/(...)$/, " $1") : p)),
  phone: optional(30, "Her phone number").refine((p) => !p || /^\+?[0-9][0-9 ()-]{5,24}$/.test(p), "Give her phone number in digits, such as 07700 900123."),
  email: optional(254, "Her email address").refine((e) => !e || z.email().safeParse(e).success, "That is not an email address."),
};

export const CONTACT_DETAIL_FIELDS = ["address", "postcode", "phone", "email"] as const;
export const IDENTITY_FIELDS = ["fullName", "preferredName", "dateOfBirth"] as const;

/** The same person, as the hub compares names: case, spacing and accents' composition ignored. */
export const sameName = (a: string, b: string) => normalisedName(a) === normalisedName(b);
const normalisedName = (name: string) => name.normalize("NFKC").toLocaleLowerCase("en-GB").replace(/\s+/g, " ").trim();

export const sameDay = (a: Date | null | undefined, b: Date | null | undefined) => !!a && !!b && a.toISOString().slice(0, 10) === b.toISOString().slice(0, 10);
