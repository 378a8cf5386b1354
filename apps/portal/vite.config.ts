import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
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
