// Postcode centroids: offline, from the hub's own copy of the ONS-derived tables, sector first
// and district as the fallback, with a plain error for anything that is not a postcode.
import { existsSync, readFileSync } from "node:fs";
import { BadInputError, boundingBox, centroidFor, distanceInMetres, parsePostcode } from "@hub/core";
import { describe, expect, it } from "vitest";

const DATA = new URL("../data/uk-postcode-centroids/", import.meta.url);

describe("postcode centroids", () => {
  it("ships its own copy of the tables with the Open Government Licence attribution", () => {
    for (const file of ["districts.csv", "sectors.csv", "README.md"]) expect(existsSync(new URL(file, DATA)), file).toBe(true);
    const readme = readFileSync(new URL("README.md", DATA), "utf8");
    expect(readme).toContain("Open Government Licence");
    expect(readme).toContain("Contains OS data © Crown copyright and database right 2025");
    // The module reads the copy beside it, never ../shared (absent when the hub is deployed).
    const source = readFileSync(new URL("../src/directory/postcode-centroids.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/shared\/data/);
  });

  it("answers with the sector's centroid when the sector is known (LS1 4 from sectors.csv)", () => {
    expect(centroidFor("LS1 4AP")).toEqual({ latitude: 53.79592, longitude: -1.5537, precision: "sector", area: "LS1 4" });
    expect(centroidFor("BN2 6QT")).toEqual({ latitude: 50.83051, longitude: -0.06943, precision: "sector", area: "BN2 6" });
    // A sector on its own works too.
    expect(centroidFor("LS1 4")).toMatchObject({ precision: "sector", latitude: 53.79592 });
  });

  it("falls back to the district when the sector is not in the table (LS2 1 is not; LS2 is)", () => {
    expect(centroidFor("LS2 1AA")).toEqual({ latitude: 53.80146, longitude: -1.54715, precision: "district", area: "LS2" });
    expect(centroidFor("LS6")).toEqual({ latitude: 53.81846, longitude: -1.56617, precision: "district", area: "LS6" });
  });

  it("ignores case and spacing", () => {
    const expected = centroidFor("LS1 4AP");
    for (const written of ["ls14ap", "  LS1   4AP ", "Ls1 4aP", "LS14AP"]) expect(centroidFor(written), written).toEqual(expected);
    expect(parsePostcode(" sw1a1aa ")).toEqual({ district: "SW1A", sector: "SW1A 1", normalised: "SW1A 1AA" });
    // The inward code is always three characters, so LS111AB is LS11 1AB, not LS1 11AB.
    expect(parsePostcode("ls111ab")).toMatchObject({ district: "LS11", normalised: "LS11 1AB" });
  });

  it("answers null for a well-formed postcode it cannot place", () => {
    expect(centroidFor("ZZ99 9ZZ")).toBeNull();
    expect(centroidFor("QQ1")).toBeNull();
  });

  it.each(["", "hello", "12345", "LS1 4AP extra", "L", "1LS 4AP", "LS1; DROP TABLE"])("refuses %j with a plain error that does not repeat it", (nonsense) => {
    let error: unknown;
    try {
      centroidFor(nonsense);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadInputError);
    expect((error as BadInputError).field).toBe("postcode");
    expect((error as BadInputError).message).toBe("That is not a UK postcode. Give a postcode such as LS1 4AP, or just its first part, such as LS1.");
  });

  it("measures great-circle distances in metres", () => {
    // One degree of longitude on the equator: 2πR / 360 with R = 6,371,008.8 m.
    expect(distanceInMetres({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111_195.08, 1);
    const leeds = centroidFor("LS1")!;
    const brighton = centroidFor("BN1")!;
    const km = distanceInMetres(leeds, brighton) / 1000;
    // About 343 km as the crow flies (2.96° of latitude, 1.41° of longitude at 52° N).
    expect(km).toBeGreaterThan(340);
    expect(km).toBeLessThan(346);
    expect(distanceInMetres(leeds, leeds)).toBe(0);
  });

  it("draws a box that holds every point within the distance", () => {
    const centre = centroidFor("LS6")!;
    const box = boundingBox(centre, 5000);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      // The point 4,990 m away on each bearing (the spherical destination formula).
      const R = 6_371_008.8;
      const rad = (d: number) => (d * Math.PI) / 180;
      const [phi, lambda, theta, delta] = [rad(centre.latitude), rad(centre.longitude), rad(bearing), 4990 / R];
      const phi2 = Math.asin(Math.sin(phi) * Math.cos(delta) + Math.cos(phi) * Math.sin(delta) * Math.cos(theta));
      const lambda2 = lambda + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi), Math.cos(delta) - Math.sin(phi) * Math.sin(phi2));
      const point = { latitude: (phi2 * 180) / Math.PI, longitude: (lambda2 * 180) / Math.PI };
      expect(distanceInMetres(centre, point)).toBeLessThan(5000);
      expect(point.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(point.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(point.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(point.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
  });
});
