// Serves the built portal (apps/portal/dist). Unknown paths get index.html so the portal's
// own routes work on reload; paths are resolved inside the folder so nothing else leaks.
// The portal's build writes a .br and a .gz next to each large file (apps/portal's
// vite.config.ts): the one the browser accepts is sent as it is, never compressed per request.
import { existsSync, type Stats, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

const securityHeaders = (connectSources: string[]) => ({
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'${
    connectSources.length ? `; connect-src 'self' ${connectSources.join(" ")}` : ""
  }`,
});

/** The precompressed copies, in the order the hub prefers them. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** Whether the browser accepts a content coding (RFC 9110 12.5.3): named with q above 0, or covered by `*`. The file itself (identity) is always the fallback. */
export function acceptedEncodings(header: string | null): (name: string) => boolean {
  const q = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [token, ...params] = part.trim().split(";");
    const name = token!.trim().toLowerCase();
    if (!name) continue;
    const weight = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    q.set(name, weight ? Number(weight[1]) : 1);
  }
  return (name) => (q.get(name) ?? q.get("*") ?? 0) > 0;
}

const isFile = (file: string): Stats | null => {
  const stats = existsSync(file) ? statSync(file) : null;
  return stats?.isFile() ? stats : null;
};

/** connectSources: other origins the portal fetches from (the partnership's identity provider). */
export function createStaticFiles(root: string, connectSources: string[] = []) {
  const SECURITY_HEADERS = securityHeaders(connectSources);
  const index = path.join(root, "index.html");
  /** `request`: for Accept-Encoding and the conditional headers (If-None-Match, If-Modified-Since). */
  return async function serve(pathname: string, request?: Request): Promise<Response> {
    if (!existsSync(index)) {
      return new Response("The portal has not been built. Run `npm start` (or `npm run build`) first.\n", {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    const candidate = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    const inside = candidate.startsWith(root + path.sep);
    const file = inside && isFile(candidate) ? candidate : index;
    const immutable = file !== index && file.includes(`${path.sep}assets${path.sep}`);

    // The smallest copy the browser accepts; the file itself when it accepts none.
    const accepts = acceptedEncodings(request?.headers.get("accept-encoding") ?? null);
    const variants = ENCODINGS.map((e) => ({ ...e, stats: isFile(file + e.suffix) }));
    const chosen = variants.find((v) => v.stats && accepts(v.name));
    const sent = chosen ? file + chosen.suffix : file;
    const stats = chosen?.stats ?? statSync(sent);
    // Each copy is its own representation, so each has its own validator.
    const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${chosen ? `-${chosen.name}` : ""}"`;
    const lastModified = new Date(Math.floor(stats.mtimeMs / 1000) * 1000);
    const headers: Record<string, string> = {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: etag,
      "Last-Modified": lastModified.toUTCString(),
      ...(chosen ? { "Content-Encoding": chosen.name } : {}),
      ...(variants.some((v) => v.stats) ? { Vary: "Accept-Encoding" } : {}),
      ...SECURITY_HEADERS,
    };
    if (notModified(request, etag, lastModified)) return new Response(null, { status: 304, headers });
    return new Response(await readFile(sent), { headers });
  };
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2). */
function notModified(request: Request | undefined, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request?.headers.get("if-none-match");
  if (ifNoneMatch) return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
  const ifModifiedSince = request?.headers.get("if-modified-since");
  if (!ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && lastModified.getTime() <= since;
}
