// The portal's bundle goes out compressed: the build writes a .br and a .gz next to each large
// file, and the real hub sends the one the browser accepts (brotli first), the file itself to
// a browser that accepts neither, with Vary: Accept-Encoding and a validator for each copy.
// Over raw HTTP, so the bytes on the wire are what is checked, not what fetch() unpacked.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalDist, type ServedHub, serveHub } from "./support/test-hub.js";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe("the portal's files, compressed", () => {
  let hub: ServedHub;
  let bundle: string;
  let raw: Buffer;

  function get(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
    return new Promise((resolve, reject) => {
      const req = request(`${hub.url}${pathname}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  }

  beforeAll(async () => {
    const assets = path.join(portalDist, "assets");
    if (!existsSync(assets)) throw new Error(`Build the portal first (npx turbo run build --filter=@hub/portal): ${assets} is missing.`);
    hub = await serveHub({ seed: false });
    // The bundle index.html loads, not any file that happens to be there.
    const index = readFileSync(path.join(portalDist, "index.html"), "utf8");
    bundle = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    raw = readFileSync(path.join(portalDist, bundle));
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("is built with a brotli and a gzip copy of each large file, each smaller than the file", () => {
    const assets = path.join(portalDist, "assets");
    const large = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f) && readFileSync(path.join(assets, f)).length > 1024);
    expect(large.length).toBeGreaterThan(0);
    for (const f of large) {
      const file = readFileSync(path.join(assets, f));
      expect(brotliDecompressSync(readFileSync(path.join(assets, `${f}.br`))).equals(file), `${f}.br`).toBe(true);
      expect(gunzipSync(readFileSync(path.join(assets, `${f}.gz`))).equals(file), `${f}.gz`).toBe(true);
      expect(readFileSync(path.join(assets, `${f}.br`)).length).toBeLessThan(file.length);
    }
  });

  it("sends brotli to a browser that accepts it, and the bytes unpack to the file", async () => {
    const res = await get(bundle, { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toBe("Accept-Encoding");
    expect(res.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.body.length).toBeLessThan(raw.length / 3);
    expect(brotliDecompressSync(res.body).equals(raw)).toBe(true);
  });

  it("sends gzip to one that accepts gzip but not brotli, and the file itself to one that accepts neither", async () => {
    for (const accept of ["gzip", "br;q=0, gzip;q=0.8", "gzip, br;q=0"]) {
      const res = await get(bundle, { "Accept-Encoding": accept });
      expect(res.headers["content-encoding"], accept).toBe("gzip");
      expect(gunzipSync(res.body).equals(raw), accept).toBe(true);
    }
    for (const accept of [null, "identity", "deflate", "br;q=0, gzip;q=0", "*;q=0"]) {
      const res = await get(bundle, accept === null ? {} : { "Accept-Encoding": accept });
      expect(res.status, String(accept)).toBe(200);
      expect(res.headers["content-encoding"], String(accept)).toBeUndefined();
      expect(res.headers.vary, String(accept)).toBe("Accept-Encoding");
      expect(res.body.equals(raw), String(accept)).toBe(true);
    }
    expect((await get(bundle, { "Accept-Encoding": "*" })).headers["content-encoding"]).toBe("br");
  });

  it("gives each copy its own ETag, and answers 304 only for the copy the browser has", async () => {
    const br = await get(bundle, { "Accept-Encoding": "br" });
    const gzip = await get(bundle, { "Accept-Encoding": "gzip" });
    const plain = await get(bundle);
    const tags = [br, gzip, plain].map((r) => r.headers.etag as string);
    expect(tags.every((t) => /^"[^"]+"$/.test(t))).toBe(true);
    expect(new Set(tags).size).toBe(3);
    for (const r of [br, gzip, plain]) expect(Date.parse(r.headers["last-modified"] as string)).toBeLessThanOrEqual(Date.now());

    const again = await get(bundle, { "Accept-Encoding": "br", "If-None-Match": tags[0]! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(tags[0]);
    expect(again.headers["content-encoding"]).toBe("br");
    expect(again.headers.vary).toBe("Accept-Encoding");
    // A brotli copy's tag does not match the plain file: that browser gets the file.
    const other = await get(bundle, { "If-None-Match": tags[0]! });
    expect(other.status).toBe(200);
    expect(other.body.equals(raw)).toBe(true);
    expect((await get(bundle, { "If-None-Match": `"stale", ${tags[2]}` })).status).toBe(304);
    expect((await get(bundle, { "Accept-Encoding": "gzip", "If-Modified-Since": gzip.headers["last-modified"] as string })).status).toBe(304);
    expect((await get(bundle, { "If-Modified-Since": new Date(0).toUTCString() })).status).toBe(200);
  });

  it("sends a file too small to be worth compressing as it is, and index.html to any browser", async () => {
    const assets = path.join(portalDist, "assets");
    const small = readdirSync(assets).find((f) => f.endsWith(".js") && readFileSync(path.join(assets, f)).length <= 1024 && !existsSync(path.join(assets, `${f}.br`)));
    if (small) {
      const res = await get(`/assets/${small}`, { "Accept-Encoding": "br, gzip" });
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.body.equals(readFileSync(path.join(assets, small)))).toBe(true);
    }
    for (const accept of [{}, { "Accept-Encoding": "br, gzip" }] as Record<string, string>[]) {
      const index = await get("/", accept);
      expect(index.status).toBe(200);
      expect(index.headers["cache-control"]).toBe("no-cache");
      const encoding = index.headers["content-encoding"];
      const html = encoding === "br" ? brotliDecompressSync(index.body) : encoding === "gzip" ? gunzipSync(index.body) : index.body;
      expect(html.toString()).toContain("<title>Victims' Partnership Hub</title>");
      // A portal route reloaded in the browser gets the same page.
      expect((await get("/caseload", accept)).body.equals(index.body)).toBe(true);
    }
    const head = await get(bundle, { "Accept-Encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
  });
});
