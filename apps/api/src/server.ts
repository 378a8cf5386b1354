// `npm start`: the hub as a long-running process.
import { readConfig } from "@hub/config";
import { startHub } from "./start-hub.js";

const config = readConfig();
const hub = await startHub(config);
console.log(`\nVictims' Partnership Hub is running.\n  Portal:  ${hub.url}/\n  GraphQL: ${hub.url}/graphql\n  Demo token: npm run hub -- token isva@northshire-rapecrisis.example.org\n`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    hub.logger.info({ signal }, "stopping");
    hub.close().then(() => process.exit(0), () => process.exit(1));
  });
}
