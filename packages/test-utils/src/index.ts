export { createTestDatabase, testEngine, adminUrl, databaseUrl, type TestDatabase, type TestEngine } from "./test-database.js";
export { createTestIssuer, type TestIssuer } from "./tokens.js";
export { canary, makeOrganisation, makeUser, makeCase, makeConsent, type StatementSpec } from "./factories.js";
