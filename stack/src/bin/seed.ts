// npm run seed -- --residents N [--data-dir DIR] [--replace]
// Builds a deterministic city of N residents into fresh databases, one per department, each seeded
// by its own `seed` function from the same generated city, exactly as `npm start` seeds an empty
// folder. Then `DATA_DIR=DIR npm start` serves it without seeding again.
// `npm run seed` caps the heap at 700 MB (peak RSS under 1 GB at a million residents): every department
// writes its rows as it makes them, so only the city itself (about 440 MB of heap per million residents)
// stays in memory. A city much past a million needs the cap raised: node --max-old-space-size=N -r ….
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCity, observeInserts, openDatabase } from '@liangling/kit';
import { Presets, SingleBar } from 'cli-progress';
import { configOrExit } from '../config';
import { DEPARTMENTS } from '../departments';

interface SeedArgs {
  readonly residents: number;
  readonly dataDir: string;
  readonly replace: boolean;
}

function parseArgs(argv: readonly string[], defaultDataDir: string): SeedArgs | string {
  let residents = 2000;
  let dataDir = defaultDataDir;
  let replace = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--residents') residents = Number(argv[++i]);
    else if (arg === '--data-dir') dataDir = resolve(argv[++i] ?? '');
    else if (arg === '--replace') replace = true;
    else return `unknown argument ${arg}`;
  }
  if (!Number.isInteger(residents) || residents < 40) return '--residents must be a whole number of at least 40';
  return { residents, dataDir, replace };
}

async function main(): Promise<void> {
  const config = configOrExit();
  const args = parseArgs(process.argv.slice(2), config.dataDir);
  if (typeof args === 'string') {
    console.error(`${args}\nusage: npm run seed -- --residents N [--data-dir DIR] [--replace]`);
    process.exit(2);
  }
  const files = DEPARTMENTS.flatMap((department) =>
    ['', '-wal', '-shm'].map((suffix) => join(args.dataDir, `${department.name}.db${suffix}`)),
  );
  const existing = files.filter((file) => existsSync(file));
  if (existing.length > 0 && !args.replace) {
    console.error(`${args.dataDir} already holds databases (${existing.length} files); pass --replace to start afresh`);
    process.exit(2);
  }
  for (const file of existing) rmSync(file);

  const started = Date.now();
  const city = generateCity({ residents: args.residents });
  const grids = city.regions.filter((region) => region.level === 'GRID').length;
  console.log(
    `city: ${city.residents.length} residents, ${city.households.length} households, ${city.buildings.length} buildings, ${grids} grids (${seconds(started)})`,
  );
  for (const department of DEPARTMENTS) {
    const begun = Date.now();
    const db = await openDatabase({
      dataDir: args.dataDir,
      name: department.name,
      migrationsDir: join(department.database.prismaDir, 'migrations'),
      connect: department.database.connect,
    });
    const progress = seedProgress(department.name, department.database.seedRows?.(city));
    try {
      await department.database.seed(db, city);
    } finally {
      progress.stop();
      await db.$disconnect();
    }
    console.log(`${department.name.padEnd(12)} seeded in ${seconds(begun)} (${memory()})`);
  }
  console.log(`done in ${seconds(started)} (${memory()}): DATA_DIR=${args.dataDir} npm start`);
}

/**
 * A department's progress in rows written, with the time left estimated from its rate so far (against
 * the rows the department expects to write, where it says; otherwise rows only). On a terminal a bar
 * redrawn in place; in a log, a line every ten seconds.
 */
function seedProgress(name: string, expectedRows: number | undefined): { stop(): void } {
  const bar = new SingleBar(
    {
      format: expectedRows
        ? `${name.padEnd(12)} [{bar}] {percentage}% | {value}/{total} rows | {duration_formatted} | about {eta_formatted} left`
        : `${name.padEnd(12)} {value} rows | {duration_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      etaBuffer: 50,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(expectedRows ?? 0, 0);
  let written = 0;
  const unobserve = observeInserts((_table, rows) => {
    written += rows;
    // An estimate may fall short: the bar's end moves out rather than passing 100 %.
    if (expectedRows && written > expectedRows) bar.setTotal(written);
    bar.update(written);
  });
  return {
    stop() {
      unobserve();
      bar.stop();
    },
  };
}

/** The process's memory now and at its peak so far (Linux reports the peak; elsewhere only now). */
function memory(): string {
  const peakKb = /VmHWM:\s+(\d+)/.exec(safeRead('/proc/self/status'))?.[1];
  const now = `RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`;
  return peakKb ? `${now}, peak ${Math.round(Number(peakKb) / 1024)} MB` : now;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
