// `tsx sis/pegase/simulator/main.ts [port]`: the Pégase simulator on its own, e.g. to point another
// client (curl, a real eCandidat) at it. `npm start` and the tests start it in-process instead.
import { startPegaseSimulator } from './server.ts';

const sim = await startPegaseSimulator({ port: Number(process.argv[2] ?? process.env.PEGASE_SIMULATOR_PORT ?? 0) });
console.log(`Pégase simulator on ${sim.url} (établissement ${sim.etab}, compte ${sim.credentials.username}/${sim.credentials.password})`);
for (const [name, url] of Object.entries(sim.urls)) console.log(`  ${name.padEnd(8)} ${url}`);
const stop = () => void sim.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
