// Where the memory and the CPU go during a phase: resident memory of the application process(es),
// the Temporal server and PostgreSQL (the postmaster and its backends) sampled every 500 ms, and the
// CPU seconds each used over the phase, next to the bench client's own and the whole machine's.
import { allProcesses, cmdline, machineCpuSeconds, processTree, pssBytes, rssBytes, treeCpuSeconds } from './procfs.ts';
import type { StackPids } from './stack.ts';

export interface ResourceReport {
  seconds: number;
  /** Max resident memory in bytes: one entry per application process (api+worker today), temporal, postgres (sum of RSS and of PSS). */
  maxRss: Record<string, number>;
  /** CPU seconds over the phase per group; `other` = the machine's busy time that none of them used (other programs). */
  cpu: Record<string, number>;
  cores: number;
}

/** What an application process is, from its command line. */
export function appProcessLabel(command: string): string {
  if (/(\.bin\/tsx|tsx\/dist\/cli\.mjs)(\s|$)/.test(command)) return 'tsx launcher';
  if (/scripts\/start\.ts/.test(command)) return 'api+worker';
  if (/worker\/main\.ts/.test(command)) return 'worker';
  if (/api\/server\.ts/.test(command)) return 'api';
  if (/\/esbuild(\s|$)/.test(command)) return 'esbuild (tsx)';
  // infra/processes.ts killWithParent: a shell per server child that stops it if its parent dies.
  if (/^sh -c while kill -0 /.test(command) || /^sleep \d+$/.test(command)) return 'watchdog';
  return /([\w.-]+\.[cm]?[jt]s)(\s|$)/.exec(command)?.[1] ?? command.split(' ')[0]?.split('/').at(-1) ?? 'other';
}

export class ResourceMonitor {
  private timer: NodeJS.Timeout | null = null;
  private readonly maxRss: Record<string, number> = {};
  private startedAt = 0;
  private cpuAtStart: Record<string, number> = {};
  private benchAtStart = process.cpuUsage();
  private machineAtStart = machineCpuSeconds();

  constructor(
    private readonly pids: StackPids,
    private readonly cores: number,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.cpuAtStart = this.groupCpu();
    this.benchAtStart = process.cpuUsage();
    this.machineAtStart = machineCpuSeconds();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): ResourceReport {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const seconds = (Date.now() - this.startedAt) / 1000;
    const now = this.groupCpu();
    const cpu: Record<string, number> = {};
    for (const [group, value] of Object.entries(now)) cpu[group] = value - (this.cpuAtStart[group] ?? 0);
    const bench = process.cpuUsage(this.benchAtStart);
    cpu['bench client'] = (bench.user + bench.system) / 1e6;
    const machine = machineCpuSeconds();
    if (machine && this.machineAtStart) {
      const busy = machine.busy - this.machineAtStart.busy;
      cpu.other = Math.max(0, busy - Object.values(cpu).reduce((a, b) => a + b, 0));
      cpu['machine busy'] = busy;
    }
    return { seconds, maxRss: { ...this.maxRss }, cpu, cores: this.cores };
  }

  private groupCpu(): Record<string, number> {
    const all = allProcesses();
    const cpu: Record<string, number> = {};
    for (const [group, root] of Object.entries(this.groups())) if (root) cpu[group] = treeCpuSeconds(processTree(root, all, this.others(root)));
    return cpu;
  }

  /**
   * The other groups' roots: under `npm start` PostgreSQL and Temporal are children of the
   * application's process, and must not be counted twice.
   */
  private others(root: number): Set<number> {
    return new Set(Object.values(this.groups()).filter((pid): pid is number => pid !== null && pid !== root));
  }

  private groups(): Record<string, number | null> {
    return { 'api+worker': this.pids.app, temporal: this.pids.temporal, postgres: this.pids.postgres };
  }

  private sample(): void {
    const all = allProcesses();
    const keep = (name: string, bytes: number) => {
      if (bytes > (this.maxRss[name] ?? 0)) this.maxRss[name] = bytes;
    };
    if (this.pids.app) {
      const perLabel: Record<string, number> = {};
      for (const pid of processTree(this.pids.app, all, this.others(this.pids.app))) {
        const label = appProcessLabel(cmdline(pid));
        perLabel[label] = (perLabel[label] ?? 0) + rssBytes(pid);
      }
      for (const [label, bytes] of Object.entries(perLabel)) keep(label, bytes);
    }
    if (this.pids.temporal)
      keep(
        'temporal',
        processTree(this.pids.temporal, all).reduce((sum, pid) => sum + rssBytes(pid), 0),
      );
    if (this.pids.postgres) {
      const tree = processTree(this.pids.postgres, all, this.others(this.pids.postgres));
      keep(
        'postgres (RSS sum)',
        tree.reduce((sum, pid) => sum + rssBytes(pid), 0),
      );
      keep(
        'postgres (PSS sum)',
        tree.reduce((sum, pid) => sum + pssBytes(pid), 0),
      );
    }
  }
}
