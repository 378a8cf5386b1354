export { createHub, type Hub, type HubOptions } from "./yoga.js";
export { startHub, type RunningHub } from "./start-hub.js";
export { setUpIdentity, loadEmbeddedIssuer, createTokenVerifier, type EmbeddedIssuer } from "./identity/index.js";
export { printHubSchema, SCHEMA_FILE } from "./print-schema.js";
export { registerTrustedDocuments } from "./http/trusted-documents.js";
