export { readConfig, ConfigError, type HubConfig, type AccessTokenTyp, type RateLimitSetting, type IntegrationClientSetting } from "./env.js";
export { createLogger, describeError, type Logger } from "./logger.js";
