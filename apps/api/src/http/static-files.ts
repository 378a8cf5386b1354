// Serves the built portal (apps/portal/dist). Unknown paths get index.html so the portal's
// own routes work on reload; paths are resolved inside the folder so nothing else leaks.
import { existsSync, statSync } from "node:fs";
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

/** connectSources: other origins the portal fetches from (the partnership's identity provider). */
export function createStaticFiles(root: string, connectSources: string[] = []) {
  const SECURITY_HEADERS = securityHeaders(connectSources);
  const index = path.join(root, "index.html");
  return async function serve(pathname: string): Promise<Response> {
    if (!existsSync(index)) {
      return new Response("The portal has not been built. Run `npm start` (or `npm run build`) first.\n", {
        status: 503,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    const candidate = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    const inside = candidate.startsWith(root + path.sep);
    const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : index;
    const body = await readFile(file);
    const immutable = file !== index && file.includes(`${path.sep}assets${path.sep}`);
    return new Response(body, {
      headers: {
        "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        ...SECURITY_HEADERS,
      },
    });
  };
}
