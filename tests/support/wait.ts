// Waiting for a condition where vitest's expect.poll cannot run (beforeAll hooks, support code): polls
// `read` until `ok` holds, each try right after the last one answered, with a short pause that grows
// (50 ms doubling to 1 s) so a busy machine is not flooded. Fails with the last value after `timeoutMs`.
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 1_000)) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: not so after ${timeoutMs} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
