// The job counters in Prometheus' text format, for the hub's /metrics.
//
// They are counted where bull reports the events: in the hub process that runs the jobs (the
// hub runs its worker in its own process, so the /metrics that process answers covers them).
// With several hubs on one Redis each counts what it saw: a stalled job is reported by the one
// hub whose stalled check found it, a failure by the hub that ran the attempt; Prometheus adds
// them up across instances (sum by (queue)). Redis itself cannot give these numbers: bull keeps
// no count of stalls, and its failed set is trimmed (removeOnFail) and emptied by retries.
import type { JobCounts } from "./job-queue.js";

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function formatJobMetrics(counts: readonly JobCounts[]): string {
  const family = (name: string, help: string, value: (c: JobCounts) => number) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} counter`,
    ...counts.map((c) => `${name}{queue="${escapeLabel(c.queue)}"} ${value(c)}`),
  ];
  return `${[
    ...family("hub_jobs_failed_total", "Background job attempts that failed in this process (retried or given up).", (c) => c.failed),
    ...family("hub_jobs_stalled_total", "Background jobs this process found stalled (their worker stopped renewing the lock) and handed out again.", (c) => c.stalled),
  ].join("\n")}\n`;
}
