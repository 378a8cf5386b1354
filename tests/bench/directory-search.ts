// Issue #6: signposting search at directory scale. Inserts 20,000 then 100,000 services
// (set-based, generate_series) with premises across northern and southern England, terms,
// opening times, phones and areas, then times the hub's searchServices (text + postcode +
// filters, as a CPS victim liaison officer: policy, ranking SQL, Prisma loads) against one
// raw SQL query returning the same page with the same data as JSON, and how each grows
// from 20k to 100k. PostgreSQL only: the embedded database is for small directories.
import { loadActor, RequestAudit, searchServices, type CoreContext } from "@hub/core";
import type { Database } from "@hub/db";
import { defineAbilityFor } from "@hub/policy";
import { timeInterleaved } from "./stats.js";

const SIZES = [20_000, 100_000];
const ROUNDS = 30;
const PREFIX = "bench-directory";

// Premises spread over a 4.5 x 4 degree box (the Midlands and the north of England); about
// one in twenty is a confidential refuge and one in twenty-five is online only.
const INSERT_SQL = (from: number, to: number) => `
  WITH n AS (SELECT g AS n FROM generate_series(${from}, ${to - 1}) g)
  INSERT INTO "DirectoryService" (id, "organizationId", name, description, "eligibilityDescription", languages, "minimumAge", "acceptingReferrals")
  SELECT md5('${PREFIX}-svc-' || n)::uuid, (SELECT id FROM "DirectoryOrganization" WHERE name = '${PREFIX}'),
         'Bench service ' || n,
         (ARRAY['counselling','advocacy','refuge','helpline','housing','legal','therapy','befriending'])[1 + n % 8]
           || ' support for victims of ' || (ARRAY['rape','stalking','fraud','burglary','abuse','hate','robbery'])[1 + (n / 8) % 7]
           || ' in ' || (ARRAY['leeds','bradford','york','hull','sheffield','wakefield','harrogate','halifax','huddersfield','doncaster'])[1 + (n / 56) % 10]
           || ', reference word' || (n % 1000),
         CASE WHEN n % 3 = 0 THEN 'Adults aged 18 and over' END,
         CASE WHEN n % 4 = 0 THEN ARRAY['English','Polish'] ELSE ARRAY['English'] END,
         CASE WHEN n % 5 = 0 THEN 18 END,
         n % 10 <> 7
    FROM n;
  WITH n AS (SELECT g AS n FROM generate_series(${from}, ${to - 1}) g)
  INSERT INTO "DirectoryLocation" (id, "organizationId", name, "locationType", latitude, longitude, confidential, "postalCode")
  SELECT md5('${PREFIX}-loc-' || n)::uuid, (SELECT id FROM "DirectoryOrganization" WHERE name = '${PREFIX}'), 'Premises ' || n,
         CASE WHEN n % 25 = 0 THEN 'virtual' ELSE 'physical' END,
         CASE WHEN n % 25 = 0 THEN NULL ELSE 51.5 + ((n::bigint * 7919) % 10007) / 10007.0 * 4.5 END,
         CASE WHEN n % 25 = 0 THEN NULL ELSE -3.5 + ((n::bigint * 104729) % 10009) / 10009.0 * 4.0 END,
         n % 20 = 0, 'XX1 1XX'
    FROM n;
  INSERT INTO "ServiceAtLocation" (id, "serviceId", "locationId")
  SELECT md5('${PREFIX}-sal-' || g)::uuid, md5('${PREFIX}-svc-' || g)::uuid, md5('${PREFIX}-loc-' || g)::uuid FROM generate_series(${from}, ${to - 1}) g;
  INSERT INTO "ServiceAttribute" ("serviceId", "taxonomyTermId")
  SELECT md5('${PREFIX}-svc-' || g)::uuid, t.id FROM generate_series(${from}, ${to - 1}) g JOIN "TaxonomyTerm" t ON t.code = '${PREFIX}-crime-' || (g % 7)
  UNION ALL
  SELECT md5('${PREFIX}-svc-' || g)::uuid, t.id FROM generate_series(${from}, ${to - 1}) g JOIN "TaxonomyTerm" t ON t.code = '${PREFIX}-need-' || (g % 3);
  INSERT INTO "DirectorySchedule" ("serviceId", "byDay", "opensAt", "closesAt")
  SELECT md5('${PREFIX}-svc-' || g)::uuid, CASE WHEN g % 2 = 0 THEN 'MO,TU,WE,TH,FR' ELSE 'SA' END, '09:00', CASE WHEN g % 2 = 0 THEN '17:00' ELSE '13:00' END
    FROM generate_series(${from}, ${to - 1}) g;
  INSERT INTO "DirectoryPhone" ("serviceId", number)
  SELECT md5('${PREFIX}-svc-' || g)::uuid, '0113 496 ' || lpad((g % 10000)::text, 4, '0') FROM generate_series(${from}, ${to - 1}) g;
  INSERT INTO "ServiceArea" ("serviceId", name, "areaId")
  SELECT md5('${PREFIX}-svc-' || g)::uuid, 'Northshire', (SELECT id FROM "Area" WHERE code = 'NSH') FROM generate_series(${from}, ${to - 1}) g WHERE g % 25 = 0;`;

// The same search and the same page, written by hand as one statement: the ranking as the
// hub writes it, then the page's organisation, phones, terms, visible premises and opening
// times as JSON (each table read once for the whole page).
const RAW_SQL = `
  WITH page AS (
    SELECT m.* FROM (
      SELECT s.id,
             round(ts_rank(to_tsvector('simple', s.name || ' ' || s.description || ' ' || coalesce(s."eligibilityDescription", '')), websearch_to_tsquery('simple', $1))::numeric, 6) AS rank,
             round(near.km::numeric, 3) AS distance, round(near.km::numeric, 1) AS shown
        FROM (SELECT sal."serviceId", min(2 * 6371.0088 * asin(least(1, sqrt(power(sin(radians(l.latitude - $2) / 2), 2) + cos(radians($2)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - $3) / 2), 2))))) AS km
                FROM "DirectoryLocation" l JOIN "ServiceAtLocation" sal ON sal."locationId" = l.id
               WHERE l.latitude IS NOT NULL AND NOT l.confidential AND l.longitude IS NOT NULL
                 AND l.latitude BETWEEN $5 AND $6 AND l.longitude BETWEEN $7 AND $8
               GROUP BY sal."serviceId") near
        JOIN "DirectoryService" s ON s.id = near."serviceId"
       WHERE near.km <= $4 AND s.status = 'active'
         AND to_tsvector('simple', s.name || ' ' || s.description || ' ' || coalesce(s."eligibilityDescription", '')) @@ websearch_to_tsquery('simple', $1)
         AND EXISTS (SELECT 1 FROM "ServiceAttribute" a WHERE a."serviceId" = s.id AND a."taxonomyTermId" = ANY (ARRAY(SELECT t.id FROM "TaxonomyTerm" t WHERE t.code = $10)))
         AND s."acceptingReferrals"
      UNION ALL
      SELECT s.id,
             round(ts_rank(to_tsvector('simple', s.name || ' ' || s.description || ' ' || coalesce(s."eligibilityDescription", '')), websearch_to_tsquery('simple', $1))::numeric, 6),
             NULL::numeric, NULL::numeric
        FROM "DirectoryService" s
       WHERE s.id IN (SELECT sa."serviceId" FROM "ServiceArea" sa WHERE sa."areaId" = $9::uuid)
         AND NOT EXISTS (SELECT 1 FROM "ServiceAtLocation" x JOIN "DirectoryLocation" y ON y.id = x."locationId"
                          WHERE x."serviceId" = s.id AND y.latitude IS NOT NULL AND y.longitude IS NOT NULL AND NOT y.confidential)
         AND s.status = 'active'
         AND to_tsvector('simple', s.name || ' ' || s.description || ' ' || coalesce(s."eligibilityDescription", '')) @@ websearch_to_tsquery('simple', $1)
         AND EXISTS (SELECT 1 FROM "ServiceAttribute" a WHERE a."serviceId" = s.id AND a."taxonomyTermId" = ANY (ARRAY(SELECT t.id FROM "TaxonomyTerm" t WHERE t.code = $10)))
         AND s."acceptingReferrals"
    ) m ORDER BY m.rank DESC, m.distance ASC NULLS LAST, m.id LIMIT $11),
  sals AS (SELECT x.id, x."serviceId", x."locationId" FROM "ServiceAtLocation" x WHERE x."serviceId" IN (SELECT id FROM page)),
  phones AS (SELECT ph."serviceId", json_agg(json_build_object('number', ph.number, 'description', ph.description) ORDER BY ph.id) AS list
               FROM "DirectoryPhone" ph WHERE ph."serviceId" IN (SELECT id FROM page) AND ph."locationId" IS NULL GROUP BY ph."serviceId"),
  terms AS (SELECT a."serviceId", json_agg(json_build_object('code', t.code, 'name', t.name)) AS list
              FROM "ServiceAttribute" a JOIN "TaxonomyTerm" t ON t.id = a."taxonomyTermId" WHERE a."serviceId" IN (SELECT id FROM page) GROUP BY a."serviceId"),
  places AS (SELECT x."serviceId", json_agg(json_build_object('id', l.id, 'name', l.name, 'postalCode', l."postalCode", 'latitude', l.latitude, 'longitude', l.longitude)) AS list
               FROM sals x JOIN "DirectoryLocation" l ON l.id = x."locationId" WHERE NOT l.confidential GROUP BY x."serviceId"),
  times AS (SELECT coalesce(d."serviceId", x."serviceId") AS "serviceId", json_agg(json_build_object('byDay', d."byDay", 'opensAt', d."opensAt", 'closesAt', d."closesAt")) AS list
              FROM "DirectorySchedule" d LEFT JOIN sals x ON x.id = d."serviceAtLocationId"
             WHERE d."serviceId" IN (SELECT id FROM page) OR d."serviceAtLocationId" IN (SELECT id FROM sals) GROUP BY 1)
  SELECT p.id, p.shown AS "distanceKm", s.name, s.description, s."eligibilityDescription", s.languages, s."acceptingReferrals", s.alert, o.name AS "organisationName",
         coalesce(phones.list, '[]') AS phones, coalesce(terms.list, '[]') AS terms, coalesce(places.list, '[]') AS locations, coalesce(times.list, '[]') AS schedules
    FROM page p JOIN "DirectoryService" s ON s.id = p.id JOIN "DirectoryOrganization" o ON o.id = s."organizationId"
    LEFT JOIN phones ON phones."serviceId" = p.id LEFT JOIN terms ON terms."serviceId" = p.id
    LEFT JOIN places ON places."serviceId" = p.id LEFT JOIN times ON times."serviceId" = p.id
   ORDER BY p.rank DESC, p.distance ASC NULLS LAST, p.id`;

export async function benchDirectorySearch(db: Database, label: string): Promise<void> {
  if (db.kind !== "postgres") {
    console.log(`[${label}] directory search: PostgreSQL only, skipped`);
    return;
  }
  const actor = (await loadActor(db.prisma, "demo|vlo@cps-northshire.example.org"))!;
  const purpose = "KEEPING_VICTIM_INFORMED" as const;
  const context = (): CoreContext => ({ prisma: db.prisma, actor, purpose, ability: defineAbilityFor(actor, { purpose }), audit: new RequestAudit(actor, purpose) });
  const { id: areaId } = await db.prisma.area.findUniqueOrThrow({ where: { code: "NSH" } });

  await db.sql.exec(`
    INSERT INTO "DirectoryOrganization" (name, description) VALUES ('${PREFIX}', 'Benchmark directory');
    INSERT INTO "Taxonomy" (id, name, description) VALUES (md5('${PREFIX}-taxonomy')::uuid, '${PREFIX}', 'Benchmark terms');
    INSERT INTO "TaxonomyTerm" ("taxonomyId", code, name, description)
    SELECT md5('${PREFIX}-taxonomy')::uuid, '${PREFIX}-crime-' || g, 'Crime ' || g, 'Crime type ' || g FROM generate_series(0, 6) g
    UNION ALL SELECT md5('${PREFIX}-taxonomy')::uuid, '${PREFIX}-need-' || g, 'Need ' || g, 'Need ' || g FROM generate_series(0, 2) g;`);

  // Leeds LS1, 25 km: counselling services for crime type 3, meeting need 1, taking referrals.
  const search = { text: "counselling", postcode: "LS1", withinKm: 25, areaId, crimeType: `${PREFIX}-crime-3`, acceptingReferrals: true, first: 20 };
  const hubSearch = () => searchServices(context(), search);
  const origin = { latitude: 53.79737, longitude: -1.55312 };
  const dLat = (25 / 111.195) * 1.01;
  const dLon = (25 / (111.195 * Math.cos(((origin.latitude + dLat) * Math.PI) / 180))) * 1.01;
  const rawParams = [search.text, origin.latitude, origin.longitude, 25, origin.latitude - dLat, origin.latitude + dLat, origin.longitude - dLon, origin.longitude + dLon, areaId, search.crimeType, 20];
  const rawSearch = () => db.sql.query(RAW_SQL, rawParams);

  const medians: Record<number, Record<string, number>> = {};
  let inserted = 0;
  try {
    for (const size of SIZES) {
      const t0 = performance.now();
      await db.sql.exec(INSERT_SQL(inserted, size));
      await db.sql.exec(`ANALYZE "DirectoryService"; ANALYZE "DirectoryLocation"; ANALYZE "ServiceAtLocation"; ANALYZE "ServiceAttribute"; ANALYZE "DirectorySchedule"; ANALYZE "DirectoryPhone"; ANALYZE "ServiceArea"; ANALYZE "TaxonomyTerm";`);
      const loadSeconds = (performance.now() - t0) / 1000;
      inserted = size;
      const hub = await hubSearch();
      const raw = await rawSearch();
      if (hub.results.length !== raw.length || hub.results.some((r, i) => r.id !== (raw[i] as { id: string }).id)) {
        throw new Error(`the hub and the raw query disagree at ${size} services (${hub.results.length} vs ${raw.length} results)`);
      }
      const plan = JSON.stringify(await db.sql.query(`EXPLAIN (FORMAT JSON) ${RAW_SQL}`, rawParams));
      medians[size] = await timeInterleaved({ raw: rawSearch, hub: hubSearch }, ROUNDS, 5);
      const m = medians[size]!;
      console.log(
        `[${label}] directory search, ${size.toLocaleString("en-GB")} services (loaded in ${loadSeconds.toFixed(1)} s; ${hub.results.length} results on the page; ` +
          `full-text index ${plan.includes("DirectoryService_search_idx") ? "used" : "NOT used"}, coordinates index ${plan.includes("DirectoryLocation_coordinates_idx") ? "used" : "NOT used"}): ` +
          `raw SQL+JSON ${m.raw!.toFixed(2)} ms, hub ${m.hub!.toFixed(2)} ms (ratio ${(m.hub! / m.raw!).toFixed(2)})`,
      );
    }
    const [small, large] = SIZES.map((s) => medians[s]!);
    console.log(
      `[${label}] directory search growth from ${SIZES[0]!.toLocaleString("en-GB")} to ${SIZES[1]!.toLocaleString("en-GB")} services (x${SIZES[1]! / SIZES[0]!}): ` +
        `hub x${(large!.hub! / small!.hub!).toFixed(2)}, raw SQL x${(large!.raw! / small!.raw!).toFixed(2)}`,
    );
  } finally {
    // Leave the directory as it was for whatever runs next. Children first, one table at a
    // time, each vacuumed before the next: the foreign keys from schedules, phones, areas and
    // service-at-location rows have no index, so every cascaded delete scans those tables.
    const bench = `(SELECT s.id FROM "DirectoryService" s JOIN "DirectoryOrganization" o ON o.id = s."organizationId" WHERE o.name = '${PREFIX}')`;
    for (const table of ["DirectorySchedule", "DirectoryPhone", "ServiceArea", "ServiceAttribute", "ServiceAtLocation"]) {
      await db.sql.exec(`DELETE FROM "${table}" WHERE "serviceId" IN ${bench}`);
      await db.sql.exec(`VACUUM "${table}"`);
    }
    await db.sql.exec(`DELETE FROM "DirectoryOrganization" WHERE name = '${PREFIX}'`);
    await db.sql.exec(`DELETE FROM "Taxonomy" WHERE id = md5('${PREFIX}-taxonomy')::uuid`);
  }
}
