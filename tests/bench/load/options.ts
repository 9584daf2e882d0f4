// Parameters of `npm run bench`, from the command line (`--n 500 --c 50 …`) or the environment
// (BENCH_N, BENCH_C, …); the command line wins.

export const WORKLOADS = ['spine', 'burst', 'list'] as const;
export type Workload = (typeof WORKLOADS)[number];

export interface BenchOptions {
  /** Full candidatures of the spine phase, and how many run at once (closed loop). */
  n: number;
  c: number;
  /** 1 transition in `lagEvery` is followed by a read-model lag probe. */
  lagEvery: number;
  /** Applications of the deadline-day burst, and how many are in flight at once. */
  burst: number;
  burstInFlight: number;
  /** How the burst's candidates get a session: `login` (POST /api/session), `mint` (sign the token), `auto` (mint when the API accepts it). */
  burstAuth: 'auto' | 'login' | 'mint';
  /** Read-model rows inserted for the staff list, and timed list requests. */
  rows: number;
  listRequests: number;
  only: Set<Workload>;
  campaign: string;
}

const HELP = `npm run bench [-- options]

  --n <count>             spine: full candidatures (default 500)              BENCH_N
  --c <count>             spine: candidatures in progress at once (50)        BENCH_C
  --lag-every <k>         spine: read-model lag probe after 1 transition in k (5)
  --burst <count>         deadline-day burst: applications (5000)             BENCH_BURST
  --burst-in-flight <k>   burst: requests in flight at once (300)
  --burst-auth <how>      burst sessions: auto | login | mint (auto)
  --rows <count>          staff list: read-model rows inserted (100000)       BENCH_ROWS
  --list-requests <k>     staff list: timed requests (250)
  --only <list>           workloads among ${WORKLOADS.join(',')} (all)              BENCH_ONLY

Against a running stack instead of a throw-away one: BENCH_URL, DATABASE_URL and TEMPORAL_ADDRESS.`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument ${arg}\n\n${HELP}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    flags.set(match[1]!, value);
  }
  const known = ['n', 'c', 'lag-every', 'burst', 'burst-in-flight', 'burst-auth', 'rows', 'list-requests', 'only', 'campaign'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}\n\n${HELP}`);

  const int = (flag: string, envName: string | null, fallback: number, min = 1) => {
    const raw = flags.get(flag) ?? (envName ? env[envName] : undefined);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} must be an integer ≥ ${min} (got ${raw})`);
    return value;
  };
  const only = (flags.get('only') ?? env.BENCH_ONLY ?? WORKLOADS.join(','))
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  for (const w of only) if (!(WORKLOADS as readonly string[]).includes(w)) throw new Error(`--only: unknown workload ${w} (known: ${WORKLOADS.join(', ')})`);
  const burstAuth = flags.get('burst-auth') ?? 'auto';
  if (!['auto', 'login', 'mint'].includes(burstAuth)) throw new Error(`--burst-auth must be auto, login or mint (got ${burstAuth})`);

  return {
    n: int('n', 'BENCH_N', 500),
    c: int('c', 'BENCH_C', 50),
    lagEvery: int('lag-every', null, 5),
    burst: int('burst', 'BENCH_BURST', 5000),
    burstInFlight: int('burst-in-flight', null, 300),
    burstAuth: burstAuth as BenchOptions['burstAuth'],
    rows: int('rows', 'BENCH_ROWS', 100_000),
    listRequests: int('list-requests', null, 250),
    only: new Set(only as Workload[]),
    campaign: flags.get('campaign') ?? '2026-P',
  };
}
