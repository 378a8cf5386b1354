export { readConfig, ConfigError, type HubConfig } from "./env.js";
export { createLogger, describeError, type Logger } from "./logger.js";
