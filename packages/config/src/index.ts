export { readConfig, ConfigError, type HubConfig, type AccessTokenTyp } from "./env.js";
export { createLogger, describeError, type Logger } from "./logger.js";
