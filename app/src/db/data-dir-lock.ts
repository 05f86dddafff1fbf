import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

// PGlite is a whole PostgreSQL server inside one process, with no postmaster to stop a second
// one: two processes on one data directory both write its WAL and pages, and the directory
// ends up with lost rows and broken indexes. So the directory belongs to one process at a time,
// recorded in a lock file inside it (the only place a read-only image may write to).
//
// The lock file is created with O_EXCL, so of two processes starting together one wins. A lock
// whose holder is gone (killed, crashed, a container restarted with the same pid) is stale and
// taken over; pid reuse is told apart by the holder's start time in the kernel's clock.

export const lockFileName = 'storefront.lock';
const takeoverFileName = 'storefront.lock.takeover';
// A takeover is a read, an unlink and a create: a guard older than this was left by a crash.
const takeoverGuardStaleMs = 5_000;

export interface LockRecord {
  pid: number;
  host: string;
  /** When the holder started, for people reading the error. */
  startedAt: string;
  /** Linux: the holder's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  startTicks?: number;
  /** Linux: which boot of the machine the holder ran in; a reboot makes every lock stale. */
  bootId?: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockRecord,
  ) {
    const where = holder.host === hostname() ? '' : ` on host ${holder.host}`;
    const gone = holder.host === hostname() ? '' : ` (if that host is gone, delete ${path.join(dataDir, lockFileName)})`;
    super(`DATA_DIR ${dataDir} is in use by process ${holder.pid}${where} (started ${holder.startedAt}); stop it or choose another DATA_DIR${gone}`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

function readOptional(file: string): string | undefined {
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the lock file in DATA_DIR, or /proc
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function startTicksOf(pid: number): number | undefined {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name may hold spaces and parentheses; the fields after its last ')' do not.
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function currentRecord(): LockRecord {
  const startTicks = startTicksOf(process.pid);
  const bootId = readOptional('/proc/sys/kernel/random/boot_id');
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    ...(startTicks === undefined ? {} : { startTicks }),
    ...(bootId === undefined ? {} : { bootId }),
  };
}

/** False only when the holder is certainly gone; another host's processes cannot be seen, so they count as alive. */
export function holderIsAlive(holder: LockRecord): boolean {
  if (holder.host !== hostname()) return true;
  const bootId = readOptional('/proc/sys/kernel/random/boot_id');
  if (holder.bootId !== undefined && bootId !== undefined && holder.bootId !== bootId) return false;
  if (!processExists(holder.pid)) return false;
  if (holder.startTicks !== undefined) {
    const ticks = startTicksOf(holder.pid);
    if (ticks !== undefined && ticks !== holder.startTicks) return false;
  }
  return true;
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.startedAt === 'string') return value as LockRecord;
  } catch {
    // torn or foreign content: treated as stale below
  }
  return undefined;
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/** Removes a stale lock, under a guard file so that two processes cannot both take it over. */
async function removeStale(file: string, staleText: string): Promise<void> {
  const guard = path.join(path.dirname(file), takeoverFileName);
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
    await writeFile(guard, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
    const age = await stat(guard).then((info) => Date.now() - info.mtimeMs, () => 0);
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
    if (age > takeoverGuardStaleMs) await unlink(guard).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    // Only the lock we judged stale: another process may have taken it over meanwhile.
    if (readOptional(file) === staleText) {
      // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
      await unlink(file).catch(() => undefined);
    }
  } finally {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
    await unlink(guard).catch(() => undefined);
  }
}

/**
 * Creates `file` holding `content` unless it exists. Written aside and hard-linked into place,
 * so a reader never sees a lock file without its content (and takes it for a torn, stale one).
 */
async function createComplete(file: string, content: string): Promise<boolean> {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
  await writeFile(draft, content, { flag: 'wx' });
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
    await link(draft, file);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Takes the directory for this process, or throws DataDirInUseError naming the process that
 * holds it. Release it on close; a process that exits without closing releases it on 'exit',
 * and one that is killed leaves a stale lock the next process takes over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, lockFileName);
  const mine = JSON.stringify(currentRecord());
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (!(await createComplete(file, mine))) {
      const text = readOptional(file);
      if (text === undefined) continue;
      const holder = parseRecord(text);
      if (holder !== undefined && holderIsAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      await removeStale(file, text);
      continue;
    }
    const releaseOnExit = (): void => {
      if (readOptional(file) === mine) {
        try {
          // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    };
    process.once('exit', releaseOnExit);
    let released = false;
    return {
      file,
      async release() {
        if (released) return;
        released = true;
        process.removeListener('exit', releaseOnExit);
        // eslint-disable-next-line security/detect-non-literal-fs-filename -- inside DATA_DIR from the operator's config
        if (readOptional(file) === mine) await unlink(file).catch(() => undefined);
      },
    };
  }
  throw new Error(`could not take the lock ${file}: it kept changing hands`);
}
