// What Linux says about processes (/proc): the process tree, resident memory, CPU time, and which
// process listens on a TCP port. Everything degrades to "unknown" off Linux or for vanished pids.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  /** utime + stime of the process itself, and cutime + cstime of its reaped children, in seconds. */
  cpuSelf: number;
  cpuReaped: number;
}

let ticks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat times. */
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function procInfo(pid: number): ProcInfo | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(fields[i - 3]);
  const hz = clockTicks();
  return { pid, ppid: n(4), cpuSelf: (n(14) + n(15)) / hz, cpuReaped: (n(16) + n(17)) / hz };
}

export function allProcesses(): ProcInfo[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names
    .filter((n) => /^\d+$/.test(n))
    .map((n) => procInfo(Number(n)))
    .filter((p): p is ProcInfo => p !== null);
}

/** `root` and every live descendant of it, leaving out the subtrees of `except`. */
export function processTree(root: number, all: ProcInfo[] = allProcesses(), except: ReadonlySet<number> = new Set()): number[] {
  const children = new Map<number, number[]>();
  for (const p of all) (children.get(p.ppid) ?? children.set(p.ppid, []).get(p.ppid)!).push(p.pid);
  const tree: number[] = [];
  const queue = all.some((p) => p.pid === root) ? [root] : [];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []).filter((child) => !except.has(child)));
  }
  return tree;
}

/**
 * CPU seconds used so far by a process tree: each live process's own time plus what its reaped
 * children used (a process that ended is counted once, in its parent's cutime/cstime).
 */
export function treeCpuSeconds(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    const p = procInfo(pid);
    if (p) total += p.cpuSelf + p.cpuReaped;
  }
  return total;
}

/** VmRSS in bytes (0 when gone). */
export function rssBytes(pid: number): number {
  const status = read(`/proc/${pid}/status`);
  const kb = status ? /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] : undefined;
  return kb ? Number(kb) * 1024 : 0;
}

/** Proportional set size in bytes (shared pages divided among their users; 0 when unknown). */
export function pssBytes(pid: number): number {
  const rollup = read(`/proc/${pid}/smaps_rollup`);
  const kb = rollup ? /^Pss:\s+(\d+)\s+kB/m.exec(rollup)?.[1] : undefined;
  return kb ? Number(kb) * 1024 : 0;
}

export function cmdline(pid: number): string {
  return (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ').trim();
}

/** Busy and total CPU seconds of the whole machine since boot (from /proc/stat), for "everything else". */
export function machineCpuSeconds(): { busy: number; total: number } | null {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const hz = clockTicks();
  return { busy: (total - idle) / hz, total: total / hz };
}

/** The pid of the process listening on 127.0.0.1/0.0.0.0/:: `port` (TCP), or null. */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (read(table) ?? '').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || cols[3] !== '0A') continue; // 0A = LISTEN
      if (parseInt(local.split(':')[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  if (inodes.size === 0) return null;
  for (const p of allProcesses()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${p.pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${p.pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return p.pid;
      } catch {
        /* closed meanwhile */
      }
    }
  }
  return null;
}
