import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { CombinedGraphQLErrors } from "@apollo/client";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { caseName, CASELOAD_QUERY } from "../caseload/Caseload";
import { SEARCH_SERVICES, type SearchVariables, type ServiceResult, VIEWER_AREAS } from "./directoryQueries";
import { CRIME_TYPES, DISTANCES_KM, kmInWords, NEEDS, resultsInWords, WHO_FOR } from "./directoryWords";
import { Checkbox, Field } from "../../app/FormParts";
import { ServiceCard } from "./ServiceCard";
import { SignpostForm } from "./SignpostForm";
import { LoadProblem, ShowMore } from "../../app/LoadProblem";

const RESULTS_PER_PAGE = 10;
/** The caseload's own page size, so the case list shares its cached first page. */
const CASES_FOR_SIGNPOSTING = 50;

type DirectoryPageProps = {
  /** Set when the person came from a case page: signposting records on that case. In memory only. */
  forCaseId: string | null;
  /** False for people who do not work on cases (e.g. the partnership's directory admins). */
  canSignpost: boolean;
  onOpenCase: (caseId: string) => void;
};

type Form = {
  text: string;
  postcode: string;
  withinKm: string;
  areaId: string;
  crimeType: string;
  need: string;
  whoFor: string;
  language: string;
  age: string;
  openNow: boolean;
  acceptingReferrals: boolean;
};

const emptyForm: Form = { text: "", postcode: "", withinKm: "25", areaId: "", crimeType: "", need: "", whoFor: "", language: "", age: "", openNow: false, acceptingReferrals: false };

type Search =
  | { state: "idle" }
  | { state: "loading"; variables: SearchVariables }
  | { state: "error"; variables: SearchVariables; message: string }
  | { state: "done"; variables: SearchVariables; results: ServiceResult[]; endCursor: string | null; hasMore: boolean; loadingMore: boolean; moreFailed: boolean };

/** The form as the API's search arguments: blanks left out, so every filter given must match. */
function toVariables(form: Form): SearchVariables | { ageProblem: string } {
  const age = form.age.trim();
  if (age && !/^\d{1,3}$/.test(age)) return { ageProblem: "Give her age in whole years, for example 34" };
  const text = (v: string) => (v.trim() ? v.trim() : undefined);
  const postcode = text(form.postcode);
  return {
    text: text(form.text),
    postcode,
    withinKm: postcode ? Number(form.withinKm) : undefined,
    areaId: text(form.areaId),
    crimeType: text(form.crimeType),
    need: text(form.need),
    whoFor: text(form.whoFor),
    language: text(form.language),
    age: age ? Number(age) : undefined,
    openNow: form.openNow || undefined,
    acceptingReferrals: form.acceptingReferrals || undefined,
    first: RESULTS_PER_PAGE,
  };
}

/** Find local support: search the partnership's directory and tell a victim about a service. */
export function DirectoryPage({ forCaseId, canSignpost, onOpenCase }: DirectoryPageProps) {
  const client = useApolloClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstNewResult = useRef<HTMLHeadingElement>(null);
  const latest = useRef(0);
  const [form, setForm] = useState<Form>(emptyForm);
  const [search, setSearch] = useState<Search>({ state: "idle" });
  const [problems, setProblems] = useState<{ postcode?: string; age?: string }>({});
  const [signposting, setSignposting] = useState<string | null>(null);
  const [firstNewIndex, setFirstNewIndex] = useState<number | null>(null);
  const ids = {
    text: useId(),
    textHint: useId(),
    postcode: useId(),
    postcodeHint: useId(),
    withinKm: useId(),
    area: useId(),
    areaHint: useId(),
    crimeType: useId(),
    need: useId(),
    whoFor: useId(),
    language: useId(),
    languageHint: useId(),
    age: useId(),
    openNow: useId(),
    accepting: useId(),
    results: useId(),
  };

  const areas = useQuery(VIEWER_AREAS).data?.viewer.organisation.areas ?? [];
  const caseload = useQuery(CASELOAD_QUERY, { variables: { first: CASES_FOR_SIGNPOSTING }, skip: !canSignpost });
  const cases = (caseload.data?.cases.edges ?? []).map((e) => e.node);
  const forCase = forCaseId ? cases.find((c) => c.id === forCaseId) : undefined;

  // Phone and online services are found by the area they serve: start with the person's own.
  const defaultArea = areas[0]?.id ?? "";
  useEffect(() => {
    if (defaultArea) setForm((f) => (f.areaId ? f : { ...f, areaId: defaultArea }));
  }, [defaultArea]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (firstNewIndex !== null) firstNewResult.current?.focus();
  }, [firstNewIndex]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function run(variables: SearchVariables, after?: string) {
    const request = ++latest.current;
    const result = await client.query({ query: SEARCH_SERVICES, variables: { ...variables, after }, fetchPolicy: "no-cache" }).then(
      (r) => ({ ok: true as const, page: r.data?.searchServices }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (request !== latest.current) return null;
    return result;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const variables = toVariables(form);
    if ("ageProblem" in variables) {
      setProblems({ age: variables.ageProblem });
      return;
    }
    setProblems({});
    await start(variables);
  }

  async function start(variables: SearchVariables) {
    setSignposting(null);
    setFirstNewIndex(null);
    setSearch({ state: "loading", variables });
    const result = await run(variables);
    if (!result) return;
    if (result.ok && result.page) {
      const { results, pageInfo } = result.page;
      setSearch({ state: "done", variables, results, endCursor: pageInfo.endCursor, hasMore: pageInfo.hasNextPage, loadingMore: false, moreFailed: false });
      return;
    }
    const bad = !result.ok && CombinedGraphQLErrors.is(result.error) ? result.error.errors[0] : undefined;
    if (bad?.extensions?.field === "postcode") {
      setProblems({ postcode: bad.message });
      setSearch({ state: "idle" });
      return;
    }
    const message = bad?.extensions?.code === "BAD_INPUT" ? bad.message : "We could not search the directory. Check your connection and try again.";
    setSearch({ state: "error", variables, message });
  }

  async function showMore() {
    if (search.state !== "done" || search.loadingMore || !search.endCursor) return;
    const before = search;
    setSearch({ ...before, loadingMore: true, moreFailed: false });
    const result = await run(before.variables, before.endCursor ?? undefined);
    if (!result) return;
    if (!result.ok || !result.page) {
      setSearch({ ...before, loadingMore: false, moreFailed: true });
      return;
    }
    const { results, pageInfo } = result.page;
    setFirstNewIndex(before.results.length);
    setSearch({ ...before, results: [...before.results, ...results], endCursor: pageInfo.endCursor, hasMore: pageInfo.hasNextPage, loadingMore: false, moreFailed: false });
  }

  function closeSignposting(serviceId: string) {
    setSignposting(null);
    setTimeout(() => document.getElementById(`signpost-${serviceId}`)?.focus(), 0);
  }

  function clear() {
    setForm({ ...emptyForm, areaId: defaultArea });
    setProblems({});
  }

  let status = "";
  if (search.state === "loading") status = "Searching the directory…";
  else if (search.state === "done") status = search.loadingMore ? "Loading more services…" : resultsInWords(search.results.length, search.hasMore, Boolean(search.variables.postcode));

  const now = new Date();

  return (
    <>
      {forCaseId && (
        <button type="button" className="link-button back-link" onClick={() => onOpenCase(forCaseId)}>
          <span aria-hidden="true">←</span> Back to the case
        </button>
      )}
      <h1 ref={headingRef} tabIndex={-1}>
        Find local support
      </h1>
      <p className="lead">Search the partnership's directory of local services, then tell a victim about one. What you tell her goes in her case's communication ledger.</p>
      {forCaseId && (
        <div className="notice">
          <p>Finding support for {forCase ? caseName(forCase) : "the case you came from"}. When you tell her about a service, it is recorded on this case.</p>
        </div>
      )}

      <form onSubmit={submit} noValidate className="directory-search" aria-label="Search the directory">
        <div className="directory-search-main">
          <Field
            id={ids.text}
            label="What are you looking for? (optional)"
            hint="Words from a service's name or what it does, for example “counselling” or “court”."
            hintId={ids.textHint}
          >
            <input id={ids.text} type="search" className="text-input" value={form.text} onChange={(e) => set("text", e.target.value)} aria-describedby={ids.textHint} />
          </Field>
          <Field
            id={ids.postcode}
            label="Her postcode (optional)"
            hint="The full postcode or its first part, such as LS6. Services nearest to it come first."
            hintId={ids.postcodeHint}
            problem={problems.postcode}
          >
            <input
              id={ids.postcode}
              type="text"
              className="text-input text-input-short"
              autoComplete="off"
              spellCheck={false}
              value={form.postcode}
              onChange={(e) => set("postcode", e.target.value)}
              aria-describedby={ids.postcodeHint}
              aria-invalid={problems.postcode ? true : undefined}
            />
          </Field>
          <Field id={ids.withinKm} label="How far from her postcode?">
            <select id={ids.withinKm} value={form.withinKm} onChange={(e) => set("withinKm", e.target.value)}>
              {DISTANCES_KM.map((km) => (
                <option key={km} value={String(km)}>
                  Within {kmInWords(km)}
                </option>
              ))}
            </select>
          </Field>
        </div>

        <fieldset className="directory-filters">
          <legend>Narrow the search (optional)</legend>
          <div className="directory-filters-grid">
            <Field id={ids.area} label="Area the service covers" hint="Phone and online services are found by area." hintId={ids.areaHint}>
              <select id={ids.area} value={form.areaId} onChange={(e) => set("areaId", e.target.value)} aria-describedby={ids.areaHint}>
                <option value="">Any area</option>
                {areas.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            <TermSelect id={ids.crimeType} label="What happened to her" terms={CRIME_TYPES} value={form.crimeType} onChange={(v) => set("crimeType", v)} />
            <TermSelect id={ids.need} label="What she needs" terms={NEEDS} value={form.need} onChange={(v) => set("need", v)} />
            <TermSelect id={ids.whoFor} label="Who the service is for" terms={WHO_FOR} value={form.whoFor} onChange={(v) => set("whoFor", v)} />
            <Field id={ids.language} label="Language she speaks" hint="For example Polish, Urdu or BSL." hintId={ids.languageHint}>
              <input id={ids.language} type="text" className="text-input" value={form.language} onChange={(e) => set("language", e.target.value)} aria-describedby={ids.languageHint} />
            </Field>
            <Field id={ids.age} label="Her age" problem={problems.age}>
              <input
                id={ids.age}
                type="text"
                inputMode="numeric"
                className="text-input text-input-short"
                value={form.age}
                onChange={(e) => set("age", e.target.value)}
                aria-invalid={problems.age ? true : undefined}
              />
            </Field>
          </div>
          <div className="checkboxes">
            <Checkbox id={ids.openNow} label="Only services open now" checked={form.openNow} onChange={(v) => set("openNow", v)} />
            <Checkbox id={ids.accepting} label="Only services accepting referrals" checked={form.acceptingReferrals} onChange={(v) => set("acceptingReferrals", v)} />
          </div>
        </fieldset>

        <div className="button-group">
          <button type="submit" className="button" aria-disabled={search.state === "loading" || undefined}>
            {search.state === "loading" ? "Searching…" : "Search"}
          </button>
          <button type="button" className="button button-secondary" onClick={clear}>
            Clear the search
          </button>
        </div>
      </form>

      <section aria-labelledby={ids.results} className="directory-results">
        <h2 id={ids.results}>Services</h2>
        <p role="status" className="status">
          {status}
        </p>
        {search.state === "idle" && <p>Search by her postcode, by words, or with the filters above to see services.</p>}
        {search.state === "error" && (
          <LoadProblem message={search.message} onRetry={() => start(search.variables)} />
        )}
        {search.state === "done" && search.results.length > 0 && (
          <>
            <ol className="case-cards">
              {search.results.map((s, index) => (
                <ServiceCard
                  key={s.id}
                  ref={index === firstNewIndex ? firstNewResult : undefined}
                  service={s}
                  searchedByPostcode={Boolean(search.variables.postcode)}
                  now={now}
                  signpost={
                    canSignpost && (
                      <>
                        <button
                          type="button"
                          id={`signpost-${s.id}`}
                          className="button button-secondary"
                          aria-expanded={signposting === s.id}
                          onClick={() => setSignposting(signposting === s.id ? null : s.id)}
                        >
                          Tell a victim about this service<span className="visually-hidden"> ({s.name})</span>
                        </button>
                        {signposting === s.id && (
                          <SignpostForm service={s} cases={cases} initialCaseId={forCaseId} onOpenCase={onOpenCase} onClose={() => closeSignposting(s.id)} />
                        )}
                      </>
                    )
                  }
                />
              ))}
            </ol>
            <ShowMore what="services" failed={search.moreFailed} hasMore={search.hasMore} loading={search.loadingMore} onShowMore={showMore} />
          </>
        )}
      </section>
    </>
  );
}

function TermSelect({ id, label, terms, value, onChange }: { id: string; label: string; terms: readonly [string, string][]; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {terms.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
