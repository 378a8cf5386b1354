// Starts the hub: opens the database, brings it up to date, seeds the demo partnership in
// embedded mode, and listens. Used by server.ts and by the tests that run the real server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger, type HubConfig, type Logger } from "@hub/config";
import { migrateDatabase, openDatabase, type Database } from "@hub/db";
import { seedDemoPartnership } from "@hub/db/seed";
import { createHubWorker, createJobQueue, describeJobError, formatJobMetrics, type HubWorker } from "@hub/jobs";
import { createServerAdapter } from "@whatwg-node/server";
import { playDemoWorkingDay } from "./demo/working-day.js";
import { portalConfigFor } from "./http/portal-config.js";
import { connectRateLimitStore } from "./http/rate-limit.js";
import { registerPortalManifest } from "./http/trusted-documents.js";
import { createEmbeddedOidcProvider, setUpIdentity } from "./identity/index.js";
import { createHub } from "./yoga.js";

export interface RunningHub {
  url: string;
  db: Database;
  logger: Logger;
  close(): Promise<void>;
}

const pathnameOf = (url: string | undefined) => {
  try {
    return new URL(url ?? "/", "http://hub.invalid").pathname;
  } catch {
    return "/";
  }
};

export interface StartHubOptions {
  /** How often the background jobs (clock scan, keep-in-touch, outbox) run; default 60. */
  jobIntervalSeconds?: number;
}

export async function startHub(config: HubConfig, logger = createLogger(config.logLevel), options: StartHubOptions = {}): Promise<RunningHub> {
  const db = await openDatabase(config.database);
  let worker: HubWorker | undefined;
  let rateLimits: Awaited<ReturnType<typeof connectRateLimitStore>> = null;
  try {
    // With DATABASE_MIGRATION_URL the owner migrates, and the hub serves as a role that can only append to the audit log.
    const { applied, servingRole } = await migrateDatabase(db, config.database);
    if (applied.length) logger.info({ migrations: applied }, "database migrated");
    if (servingRole) logger.info({ role: servingRole.role, appendOnly: servingRole.auditTables }, "serving as a role of its own: the audit log is read and append only");
    const seedDemo = config.seedDemo === "yes" || (config.seedDemo === "auto" && config.database.kind === "pglite");
    if (seedDemo && (await seedDemoPartnership(db.prisma)).seeded) {
      logger.info("demo partnership seeded");
      // Once, into the database just seeded: the partnership's last weeks, so whoever signs in
      // finds a working day (apps/api/src/demo/working-day.ts). A restart seeds nothing.
      try {
        const day = await playDemoWorkingDay(db);
        if (day.played) logger.info({ cases: day.cases, milliseconds: day.milliseconds }, "demo partnership's working day played");
      } catch (error) {
        // The demo is still usable without its working day: say so, and start.
        logger.error({ error: describeJobError(error) }, "could not play the demo partnership's working day; the demo starts without it");
      }
    }

    // Background work: bull on Redis when REDIS_URL is set, the same handlers in-process otherwise.
    // The queue logs failed attempts and stalled jobs (name, job id, attempt; never the payload)
    // and counts them for /metrics: the jobs run in this process, so its /metrics covers them.
    const queue = createJobQueue(config.redisUrl, {
      logger,
      prefix: config.redisKeyPrefix,
      // Once per change, not once per connection or retry.
      onAvailability: (available) =>
        available
          ? logger.info({ queue: "bull" }, "Redis answers again: background jobs resume")
          : logger.warn({ queue: "bull" }, "Redis is not answering: background jobs wait in the outbox until it does; the hub goes on serving"),
    });
    worker = createHubWorker({ db, queue, logger, intervalMs: (options.jobIntervalSeconds ?? 60) * 1000 });
    await worker.start();

    // Where the portal signs in, and whether it must send trusted documents: when it must,
    // the operations its build listed are registered now (again on every start: no duplicates).
    const portalConfig = portalConfigFor(config);
    if (portalConfig.trustedDocuments) {
      const registered = await registerPortalManifest(db, config.portalDist, config.maxDocumentLength);
      if (registered) {
        logger.info({ operations: registered.length, added: registered.filter((r) => r.created).length }, "portal's trusted documents registered");
      }
    }

    // With Redis, every process of the hub counts its rate limits there, so between them they
    // allow each limit once; without it (embedded mode), this process counts in memory.
    rateLimits = await connectRateLimitStore(config.redisUrl, { keyPrefix: config.redisKeyPrefix, logger });
    const limits = config.rateLimits;

    const identity = await setUpIdentity(config);
    const hub = createHub({
      db,
      logger,
      production: config.env === "production",
      portalDist: config.portalDist,
      verifyToken: identity.verifyToken,
      embeddedIssuer: identity.embeddedIssuer,
      protection: {
        openFeedRateLimit: { points: config.openFeedRateLimit, durationSeconds: 60 },
        rateLimit: limits.user,
        failedAuthenticationLimit: limits.failedSignIn,
        integrationClients: { defaultLimit: limits.integration, clients: limits.integrationClients },
        ...(rateLimits ? { rateLimitStore: rateLimits.store } : {}),
        queryLimits: { maxDocumentLength: config.maxDocumentLength },
      },
      portalConfig,
      trustedProxies: config.trustedProxies,
      readiness: () => worker!.status(),
      metrics: () => formatJobMetrics(queue.counts()),
    });
    const handleHub = createServerAdapter(hub.fetch);
    // Embedded mode: the demo's own OpenID Connect provider answers /oidc/* and discovery
    // from the same port, so the portal signs in exactly as it would with a real provider.
    const oidc = identity.embeddedIssuer
      ? await createEmbeddedOidcProvider({ config, db, issuer: identity.embeddedIssuer, logger })
      : undefined;
    const server: Server = createServer((req, res) => {
      if (oidc?.matches(pathnameOf(req.url))) oidc.handle(req, res);
      else void handleHub(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    const url = config.port === 0 ? `http://127.0.0.1:${port}` : config.publicUrl;
    logger.info({ url, database: db.kind, identity: config.identity.kind }, "hub listening");
    return {
      url,
      db,
      logger,
      async close() {
        // Stop taking new connections; end the live feeds cleanly so their connections can
        // finish; let requests in flight complete within the grace period, then cut what is left.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        hub.endSubscriptions();
        server.closeIdleConnections?.();
        const grace = new Promise<"grace">((resolve) => setTimeout(() => resolve("grace"), config.shutdownGraceSeconds * 1000).unref());
        if ((await Promise.race([closed, grace])) === "grace") {
          logger.warn({ graceSeconds: config.shutdownGraceSeconds }, "requests still running after the grace period; their connections were closed");
          server.closeAllConnections?.();
          await closed;
        }
        await worker?.stop();
        await rateLimits?.close();
        await db.close();
      },
    };
  } catch (error) {
    await worker?.stop().catch(() => {});
    await rateLimits?.close().catch(() => {});
    await db.close();
    throw error;
  }
}
