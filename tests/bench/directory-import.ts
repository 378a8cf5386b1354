// Directory import: a file three times the size should take about three times as long.
// Prints the time per service for 2,000 and 6,000 new services (each fully nested, as an
// Open Referral UK feed gives them) and their ratio: near 1 when the import is linear.
import { randomUUID } from "node:crypto";
import { importDirectory } from "@hub/core";
import type { Database } from "@hub/db";

function feed(n: number) {
  const org = { id: randomUUID(), name: `Bench Trust ${randomUUID().slice(0, 6)}`, description: "A made-up charity for the import bench." };
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    name: `Bench service ${i}`,
    description: `Support service ${i}, made up for the bench.`,
    status: "active",
    organization: org,
    phones: [{ id: randomUUID(), number: "01632 960000" }],
    schedules: [{ id: randomUUID(), freq: "WEEKLY", byday: "MO,TU,WE", opens_at: "09:00", closes_at: "17:00" }],
    service_areas: [{ id: randomUUID(), name: "Northshire" }],
    service_at_locations: [
      {
        id: randomUUID(),
        location: { id: randomUUID(), location_type: "physical", name: `Bench place ${i}`, addresses: [{ id: randomUUID(), address_1: `${i} Bench Street`, city: "Leeds", state_province: "West Yorkshire", postal_code: "LS1 4AP", country: "GB", address_type: "physical" }] },
      },
    ],
  }));
}

export async function benchDirectoryImport(db: Database, engine: string) {
  const perService: number[] = [];
  for (const n of [2000, 6000]) {
    const records = feed(n);
    const t0 = performance.now();
    const report = await importDirectory(db.prisma, records);
    const ms = performance.now() - t0;
    if (report.created !== n) throw new Error(`the import bench expected ${n} created, got ${report.created}: ${JSON.stringify(report.rejected[0])}`);
    perService.push(ms / n);
    console.log(`  directory import (${engine}): ${n.toLocaleString("en-GB")} services in ${(ms / 1000).toFixed(1)} s (${(ms / n).toFixed(2)} ms each)`);
  }
  console.log(`  directory import (${engine}): time per service, 6,000 ÷ 2,000 = ${(perService[1]! / perService[0]!).toFixed(2)} (1 is linear)`);
}
