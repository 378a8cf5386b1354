export type { CoreContext } from "./shared/context.js";
export { HubError, NotFoundError, BadInputError, type HubErrorCode } from "./shared/errors.js";
export { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, type Page, type PageRequest } from "./shared/keyset-page.js";
export { loadActor } from "./identity/load-actor.js";
export { listOrganisations } from "./organisations/list-organisations.js";
export { listCases } from "./cases/list-cases.js";
export { getCase } from "./cases/get-case.js";
export type { CaseSummary } from "./cases/case-summary.js";
