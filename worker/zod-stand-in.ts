// What `zod` is inside the workflow bundle (worker/main.ts aliases it here). The contracts the
// workflow imports (contracts/*.ts) declare their zod schemas at module level, and the workflow
// sandbox evaluates every module once per workflow execution: the real zod would be built, and kept
// in memory, thousands of times. Workflows never validate (the API did, before the Update), so the
// schemas are stand-ins: every property and call gives the stand-in again, and validating throws.
const refuse = () => {
  throw new Error('zod is not available in workflow code: validate in the API or an activity.');
};
const standIn: unknown = new Proxy(function zodStandIn() {}, {
  get: (_target, property) =>
    property === 'parse' || property === 'safeParse' || property === 'parseAsync' || property === 'safeParseAsync' ? refuse : standIn,
  apply: () => standIn,
  construct: () => standIn as object,
});

export const z = standIn;
export default standIn;
