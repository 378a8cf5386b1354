// Each area's own glossary: local and legal terms its partners meet (an "ABE interview", the
// name of a local centre), with plain words for the victim. Merged over the default glossary
// whenever text for a victim in that area is checked. The organisation admins of any
// organisation serving the area keep it (the policy says who; every write checks the row).
// Words, not personal data: every signed-in partner reads them, no stated purpose, no audit
// entry, as for the services directory; who added a term stays on its row.
import type { Area, AreaGlossaryTerm } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import type { CoreContext } from "../shared/context.js";
import { BadInputError, NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { validate } from "../shared/validate.js";
import { checkPlainLanguage, type PlainLanguageReport } from "./check-plain-language.js";
import { defaultGlossary, type GlossaryEntry, glossaryEntrySchema, glossaryTermKey } from "./glossary.js";

export interface AreaGlossaryView {
  area: Area;
  terms: AreaGlossaryTerm[];
}

const MAX_VARIANTS = 20;

/** Limits the shared glossary schema leaves open; it then checks the entry itself. */
const Limits = z.object({
  term: z.string({ error: "Give the term." }).max(100, "Keep the term to 100 characters.").regex(/[\p{L}\p{N}]/u, "A term needs at least one letter or number."),
  variants: z
    .array(z.string({ error: "Give each other spelling as text." }).max(100, "Keep each other spelling to 100 characters."), { error: "Give the other spellings as a list." })
    .max(MAX_VARIANTS, `Give at most ${MAX_VARIANTS} other spellings.`),
  explanation: z.string({ error: "Give a plain explanation." }).max(600, "Keep the explanation to 600 characters: one or two short sentences."),
});

const AreaId = z.string({ error: "Say which area's glossary." }).refine(isUuid, "That is not an area the hub gave out.");

const AddInput = z.object({ areaId: AreaId, term: z.unknown(), variants: z.unknown().optional(), explanation: z.unknown() });
export interface AddAreaGlossaryTermInput {
  areaId: string;
  term: string;
  variants?: string[] | null;
  explanation: string;
}

const UpdateInput = z.object({ id: z.string({ error: "Say which glossary term." }), term: z.unknown().optional(), variants: z.unknown().optional(), explanation: z.unknown().optional() });
/** Fields left out (or null) are unchanged, except variants: null clears them. */
export interface UpdateAreaGlossaryTermInput {
  id: string;
  term?: string | null;
  variants?: string[] | null;
  explanation?: string | null;
}

const oneSpace = (s: string) => s.trim().replace(/\s+/g, " ");

/** The entry as the shared glossary schema accepts it, spaces tidied and spellings once each. */
function glossaryEntry(input: { term: unknown; variants?: unknown; explanation: unknown }): GlossaryEntry {
  const limited = validate(Limits, { ...input, variants: input.variants ?? [] });
  const entry = validate(glossaryEntrySchema, { term: oneSpace(limited.term), variants: limited.variants.map(oneSpace), explanation: limited.explanation });
  const seen = new Set([glossaryTermKey(entry.term)]);
  const variants: string[] = [];
  for (const variant of entry.variants ?? []) {
    if (seen.has(glossaryTermKey(variant))) continue;
    seen.add(glossaryTermKey(variant));
    variants.push(variant);
  }
  return { term: entry.term, variants, explanation: entry.explanation };
}

const asEntry = (row: Pick<AreaGlossaryTerm, "term" | "variants" | "explanation">): GlossaryEntry => ({ term: row.term, variants: row.variants, explanation: row.explanation });

/** True when the term re-explains one of the default glossary's terms. */
const defaultTerms = new Set(defaultGlossary.map((e) => glossaryTermKey(e.term)));
export const replacesDefaultTerm = (term: string) => defaultTerms.has(glossaryTermKey(term));

const alreadyHas = (areaName: string, what: string, field: string) =>
  new BadInputError(`${areaName}'s glossary already has ${what}. Change that entry instead. Nothing was saved.`, field);

/**
 * Refuses a term the area already has (as a term or another spelling, whatever the case), and
 * an explanation that is not plain itself: no unexplained legal terms (the term itself
 * included) and no blaming words, judged with the area's glossary as it would be after the
 * change. Reading ease and sentence length are not grounds: on one or two short sentences
 * they say little.
 */
function refuseUnfit(entry: GlossaryEntry, others: AreaGlossaryTerm[], areaName: string) {
  const forms = [entry.term, ...(entry.variants ?? [])];
  for (const [i, form] of forms.entries()) {
    const clash = others.find((o) => [o.term, ...o.variants].some((f) => glossaryTermKey(f) === glossaryTermKey(form)));
    if (clash) {
      const has = glossaryTermKey(clash.term) === glossaryTermKey(form) ? `“${clash.term}”` : `“${form}”, as another spelling of “${clash.term}”`;
      throw alreadyHas(areaName, has, i === 0 ? "term" : `variants.${i - 1}`);
    }
  }
  const report = checkPlainLanguage(entry.explanation, { extraGlossary: [entry, ...others.map(asEntry)] });
  const found = (kind: string) => [...new Set(report.findings.filter((f) => f.kind === kind).map((f) => `“${f.text}”`))];
  const legal = found("LEGAL_TERM");
  if (legal.length) {
    throw new BadInputError(
      `The explanation must be plain words a victim knows, but it uses ${legal.join(", ")}, which ${legal.length > 1 ? "are legal terms" : "is a legal term"} too. Say it another way. Nothing was saved.`,
      "explanation",
    );
  }
  const blaming = found("BLAMING");
  if (blaming.length) {
    throw new BadInputError(`The explanation has words that may read as blaming or doubting the victim: ${blaming.join(", ")}. Say it another way. Nothing was saved.`, "explanation");
  }
}

/** Writes the entry; someone saving the same term a moment earlier is refused as a duplicate (the unique index decides). */
async function savedOnce<T>(area: Area, entry: GlossaryEntry, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw alreadyHas(area.name, `“${entry.term}”`, "term");
    throw error;
  }
}

async function loadArea(ctx: CoreContext, areaId: string): Promise<Area> {
  const area = isUuid(areaId) ? await ctx.prisma.area.findFirst({ where: { AND: [accessibleWhere(ctx.ability, "Area"), { id: areaId }] } }) : null;
  if (!area) throw new NotFoundError("area");
  return area;
}

const termsOf = (ctx: CoreContext, areaId: string) =>
  ctx.prisma.areaGlossaryTerm.findMany({ where: { AND: [accessibleWhere(ctx.ability, "AreaGlossaryTerm"), { areaId }] }, orderBy: { id: "asc" } });

const byTerm = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

/** An area's own terms, A to Z whatever their case. */
export async function getAreaGlossary(ctx: CoreContext, areaId: string): Promise<AreaGlossaryView> {
  const area = await loadArea(ctx, areaId);
  const terms = await termsOf(ctx, area.id);
  return { area, terms: terms.sort((a, b) => byTerm.compare(a.term, b.term)) };
}

/** Whether the caller keeps this area's glossary. */
export const mayMaintainAreaGlossary = (ctx: CoreContext, areaId: string) => ctx.ability.can("create", subject("AreaGlossaryTerm", { areaId } as never));

const notKeeper = (area: Area) =>
  new BadInputError(`Only the organisation admins of an organisation serving ${area.name} can change its glossary. Nothing was saved.`, "areaId");

export async function addAreaGlossaryTerm(ctx: CoreContext, input: AddAreaGlossaryTermInput): Promise<AreaGlossaryTerm> {
  const { areaId, ...fields } = validate(AddInput, input);
  const area = await loadArea(ctx, areaId);
  if (!mayMaintainAreaGlossary(ctx, area.id)) throw notKeeper(area);
  const entry = glossaryEntry(fields);
  refuseUnfit(entry, await termsOf(ctx, area.id), area.name);
  return savedOnce(area, entry, () =>
    ctx.prisma.areaGlossaryTerm.create({
      data: { areaId: area.id, term: entry.term, variants: entry.variants ?? [], explanation: entry.explanation, addedByUserId: ctx.actor.userId, addedByOrganisationId: ctx.actor.organisationId },
    }),
  );
}

/** The term, if the caller keeps its area's glossary; "not found" otherwise, as for an unknown id. */
async function requireKeeper(ctx: CoreContext, id: string, action: "update" | "delete") {
  const row = isUuid(id) ? await ctx.prisma.areaGlossaryTerm.findUnique({ where: { id }, include: { area: true } }) : null;
  if (!row || !ctx.ability.can(action, subject("AreaGlossaryTerm", row as never))) throw new NotFoundError("glossary term");
  return row;
}

export async function updateAreaGlossaryTerm(ctx: CoreContext, input: UpdateAreaGlossaryTermInput): Promise<AreaGlossaryTerm> {
  const { id, ...changes } = validate(UpdateInput, input);
  const { area, ...row } = await requireKeeper(ctx, id, "update");
  const entry = glossaryEntry({
    term: changes.term ?? row.term,
    variants: changes.variants === undefined ? row.variants : changes.variants,
    explanation: changes.explanation ?? row.explanation,
  });
  const others = (await termsOf(ctx, area.id)).filter((o) => o.id !== row.id);
  refuseUnfit(entry, others, area.name);
  return savedOnce(area, entry, () =>
    ctx.prisma.areaGlossaryTerm.update({ where: { id: row.id }, data: { term: entry.term, variants: entry.variants ?? [], explanation: entry.explanation } }),
  );
}

/** Takes the term out of its area's glossary; answers with the term as it was. */
export async function removeAreaGlossaryTerm(ctx: CoreContext, id: string): Promise<AreaGlossaryTerm> {
  const { area: _area, ...row } = await requireKeeper(ctx, id, "delete");
  await ctx.prisma.areaGlossaryTerm.delete({ where: { id: row.id } });
  return row;
}

// Loads in flight for one request, so a timeline's updates on one case share one query; kept
// only until it answers, so a long-lived subscription sees terms added since it began.
const inFlight = new WeakMap<CoreContext, Map<string, Promise<GlossaryEntry[]>>>();

function shared(ctx: CoreContext, key: string, load: () => Promise<GlossaryEntry[]>): Promise<GlossaryEntry[]> {
  const pending = inFlight.get(ctx) ?? new Map<string, Promise<GlossaryEntry[]>>();
  inFlight.set(ctx, pending);
  let loading = pending.get(key);
  if (!loading) {
    loading = load().finally(() => pending.delete(key));
    pending.set(key, loading);
  }
  return loading;
}

const entriesWhere = (ctx: CoreContext, where: object) =>
  ctx.prisma.areaGlossaryTerm
    .findMany({ where: { AND: [accessibleWhere(ctx.ability, "AreaGlossaryTerm"), where] }, orderBy: { id: "asc" }, select: { term: true, variants: true, explanation: true } })
    .then((rows) => rows.map(asEntry));

/** The glossary of the case's area, for checking text written for its victim. */
export const caseAreaGlossary = (ctx: CoreContext, caseId: string) =>
  shared(ctx, `case:${caseId}`, () => entriesWhere(ctx, { area: { cases: { some: { id: caseId } } } }));

/** Checks text for a victim on a case, with the case's area's own terms. */
export async function checkPlainLanguageForCase(ctx: CoreContext, caseId: string, text: string): Promise<PlainLanguageReport> {
  return checkPlainLanguage(text, { extraGlossary: await caseAreaGlossary(ctx, caseId) });
}

/**
 * Checks text for a victim with an area's own terms: the area named, or else the caller's
 * organisation's area when it serves exactly one (otherwise the default glossary alone).
 */
export async function checkPlainLanguageInArea(ctx: CoreContext, text: string, areaId?: string | null): Promise<PlainLanguageReport> {
  const area = areaId != null ? (await loadArea(ctx, areaId)).id : ctx.actor.areaIds.length === 1 ? ctx.actor.areaIds[0]! : null;
  const extraGlossary = area ? await shared(ctx, `area:${area}`, () => entriesWhere(ctx, { areaId: area })) : [];
  return checkPlainLanguage(text, { extraGlossary });
}
