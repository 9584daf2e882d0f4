// `tsx sis/apogee/simulator/main.ts [port]`: the Apogée simulator on its own, e.g. to point a SOAP
// client (SoapUI, another eCandidat) at it. `npm start` and the tests start it in-process instead.
import { startApogeeSimulator } from './server.ts';

const sim = await startApogeeSimulator({ port: Number(process.argv[2] ?? process.env.APOGEE_SIMULATOR_PORT ?? 0) });
console.log(`Apogée simulator on ${sim.url}`);
for (const [name, url] of Object.entries(sim.urls)) console.log(`  ${name.padEnd(18)} ${url}`);
const stop = () => void sim.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
