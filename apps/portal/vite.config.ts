import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes a .br and a .gz next to each built text file over 1 KB, once at build time, so the
 * hub serves them compressed without compressing on every request (apps/api's
 * static-files.ts picks one by Accept-Encoding). A copy that would not be smaller is not written.
 */
function precompress(): Plugin {
  const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
  return {
    name: "hub-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? "dist";
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => COMPRESSIBLE.test(name))
          .map(async (name) => {
            const file = path.join(outDir, name);
            if ((await stat(file)).size <= 1024) return;
            const raw = await readFile(file);
            const [br, gz] = await Promise.all([
              brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
              gzipped(raw, { level: 9 }),
            ]);
            if (br.length < raw.length) await writeFile(`${file}.br`, br);
            if (gz.length < raw.length) await writeFile(`${file}.gz`, gz);
          }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    // In development the portal runs on Vite's port; send API calls to the hub
    // server so the app can keep using the same-origin URL "/graphql".
    proxy: {
      "/graphql": "http://localhost:4000",
      "/oidc": "http://localhost:4000",
      "/.well-known": "http://localhost:4000",
      "/portal-config.json": "http://localhost:4000",
    },
  },
});
