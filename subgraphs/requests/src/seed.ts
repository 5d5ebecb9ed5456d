import { bulkLoad, type City, insertRows, Random } from '@liangling/kit';
import type { Db } from './context';
import { defaultAssignee } from './dispatch';
import { nextTier, type Status, type Tier } from './lifecycle';
import { slaDueAt, slaHours, type Category } from './sla';

const FAULTS: Readonly<Record<Category, readonly string[]>> = {
  WATER: ['厨房水管漏水', '卫生间下水道堵塞', '自来水水压低'],
  POWER: ['楼道灯不亮', '家中跳闸无法合闸', '电表箱冒烟'],
  GAS: ['燃气表不走字', '闻到燃气味'],
  HEATING: ['暖气不热', '暖气片漏水', '供暖管道异响'],
  PROPERTY: ['单元门禁损坏', '电梯停运'],
  SANITATION: ['垃圾清运不及时'],
  ROAD: ['小区路面塌陷'],
  OTHER: ['楼顶防水层破损'],
};
const CATEGORIES = Object.keys(FAULTS) as Category[];
const HOUR = 3_600_000;
/** Requests played before their rows are written. */
const REQUESTS_PER_FLUSH = 20_000;
const FEEDBACK = ['师傅很快就到了，谢谢', '修好了，很满意', '等了比较久', '态度很好', '问题反复出现，希望彻底解决'];

/** Prisma's own DateTime text on SQLite, so that seeded and written rows compare alike. */
const iso = (at: Date) => at.toISOString().replace('Z', '+00:00');

type SeedEvent = {
  requestId: string;
  at: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  fromTier: string | null;
  toTier: string;
  actorRole: string;
  actorId: string | null;
  note: string | null;
};

/** The first entry of every request's timeline: the resident submitted it, at the community tier. */
const submitted = (requestId: string, at: Date, residentId: string): SeedEvent => ({
  requestId,
  at: iso(at),
  action: 'SUBMIT',
  fromStatus: null,
  toStatus: 'SUBMITTED',
  fromTier: null,
  toTier: 'COMMUNITY',
  actorRole: 'resident',
  actorId: residentId,
  note: null,
});

/**
 * About one resident in five has reported a fault in the last three months. Each request is played
 * through the lifecycle the graph enforces — accepted by the grid's worker, dispatched to the
 * category's organisation, sometimes escalated, worked, resolved, confirmed and rated — and cut off
 * at the moment of seeding, so recent requests are still open and old ones closed. Times are relative
 * to when the database is seeded (a seed knows no clock but the system's), so the open ones have
 * SLAs that mean something when the stack starts.
 */
export async function seedRequests(db: Db, city: City): Promise<void> {
  const random = new Random(4003);
  const seededAt = Date.now();
  const households = new Map(city.households.map((household) => [household.id, household]));
  const requests: Record<string, unknown>[] = [];
  const events: SeedEvent[] = [];
  const jointTasks: Record<string, unknown>[] = [];
  // Chosen before any is played, so the draws come in the order they always have (the city stays the same).
  const chosen = city.residents.filter(() => random.chance(0.2));
  await bulkLoad(db, async (tx) => {
    await insertRows(
      tx,
      'Region',
      city.regions.map((region) => ({ id: region.id, path: `/${region.path.join('/')}/` })),
    );
    const gridPaths = new Map(city.regions.map((region) => [region.id, `/${region.path.join('/')}/`]));
    await insertRows(
      tx,
      'Household',
      city.households.map((household) => ({
        id: household.id,
        buildingId: household.buildingId,
        regionPath: gridPaths.get(household.gridId) ?? '',
      })),
    );
    // Written as they are played, a slice at a time: a city's requests and timelines never sit in memory at once.
    const flush = async () => {
      await insertRows(tx, 'RepairRequest', requests.splice(0));
      await insertRows(tx, 'RequestEvent', events.splice(0));
      await insertRows(tx, 'JointTask', jointTasks.splice(0));
    };
    for (const [n, resident] of chosen.entries()) {
      const id = `rr-seed-${String(n + 1).padStart(7, '0')}`;
      const category = random.pick(CATEGORIES);
      const regionPath = `/${resident.regionPath.join('/')}/`;
      const street = resident.regionPath[2] ?? '';
      const assigneeId = defaultAssignee(category, regionPath) ?? `org-office-${street}`;
      // Ages skew recent: most requests of a quarter are old and done, a few are from the last days.
      const ageHours = random.chance(0.15) ? random.int(1, 72) : random.int(72, 90 * 24);
      const createdAt = seededAt - ageHours * HOUR;
      let status: Status = 'SUBMITTED';
      let tier: Tier = 'COMMUNITY';
      let at = createdAt;
      let tierSince = createdAt;
      let escalations = 0;
      let acceptedAt: number | null = null;
      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      const firstDue = slaDueAt(category, 'COMMUNITY', new Date(createdAt)).getTime();
      let done = false;
      const step = (
        action: string,
        to: Status,
        hours: number,
        actorRole: string,
        actorId: string,
        note: string | null = null,
        toTier: Tier = tier,
      ) => {
        if (done) return false;
        const next = at + hours * HOUR;
        if (next > seededAt) {
          done = true;
          return false;
        }
        events.push({
          requestId: id,
          at: iso(new Date(next)),
          action,
          fromStatus: status,
          toStatus: to,
          fromTier: tier,
          toTier,
          actorRole,
          actorId,
          note,
        });
        at = next;
        status = to;
        if (toTier !== tier) tierSince = next;
        tier = toTier;
        return true;
      };
      events.push(submitted(id, new Date(createdAt), resident.id));
      const gridWorker = `gw-${resident.gridId}`;
      const budget = slaHours(category, 'COMMUNITY', new Date(createdAt));
      if (step('ACCEPT', 'ACCEPTED', (budget * random.int(2, 20)) / 100, 'grid_worker', gridWorker)) acceptedAt = at;
      const dispatched = step(
        'DISPATCH',
        'DISPATCHED',
        (budget * random.int(2, 15)) / 100,
        'grid_worker',
        gridWorker,
        `派单至 ${assigneeId}`,
      );
      // One in eight runs out of time at the community and goes up to the street (分级响应).
      if (random.chance(0.125)) {
        const up = nextTier(tier)!;
        const waited = Math.max(0, (firstDue - at) / HOUR) + 0.1;
        if (step('ESCALATE', 'ESCALATED', waited, 'service', 'escalation-sweep', 'SLA passed: moved up one tier automatically', up))
          escalations += 1;
        step('ACCEPT', 'ACCEPTED', random.int(1, 6), 'department_officer', 'o-city-1');
        step('DISPATCH', 'DISPATCHED', random.int(1, 3), 'department_officer', 'o-city-1', `督办 ${assigneeId}`);
      }
      step('PROGRESS', 'IN_PROGRESS', (budget * random.int(5, 30)) / 100, 'partner', assigneeId);
      const joint =
        random.chance(0.03) &&
        step('OPEN_JOINT', 'IN_PROGRESS', 2, 'department_officer', 'o-city-1', 'joint resolution: CITY_MANAGEMENT, ENFORCEMENT');
      if (
        step(
          joint ? 'JOINT_RESOLVED' : 'RESOLVE',
          'RESOLVED',
          (budget * random.int(10, 90)) / 100,
          joint ? 'department_officer' : 'partner',
          joint ? 'o-enf-1' : assigneeId,
        )
      )
        resolvedAt = at;
      if (joint) {
        const openedAt = resolvedAt ? resolvedAt - budget * 0.5 * HOUR : at;
        for (const department of ['CITY_MANAGEMENT', 'ENFORCEMENT']) {
          jointTasks.push({
            id: `jt-seed-${id}-${department}`,
            requestId: id,
            department,
            status: resolvedAt ? 'DONE' : 'OPEN',
            openedAt: iso(new Date(openedAt)),
            dueAt: iso(new Date(openedAt + budget * HOUR)),
            doneAt: resolvedAt ? iso(new Date(resolvedAt)) : null,
            doneById: resolvedAt ? (department === 'ENFORCEMENT' ? 'o-enf-1' : 'o-city-1') : null,
            note: null,
          });
        }
      }
      let rating: number | null = null;
      let feedback: string | null = null;
      if (step('CLOSE', 'CLOSED', random.int(2, 72), 'resident', resident.id)) {
        closedAt = at;
        if (random.chance(0.8)) {
          rating = escalations ? random.int(1, 4) : random.int(3, 5);
          feedback = random.chance(0.5) ? random.pick(FEEDBACK) : null;
          step('RATE', 'CLOSED', random.int(0, 2), 'resident', resident.id, `rated ${rating}`);
        }
      }
      requests.push({
        id,
        clientKey: `seed-${n + 1}`,
        category,
        description: random.pick(FAULTS[category]),
        status,
        submittedById: resident.id,
        regionPath,
        contactPhone: resident.phone,
        householdId: resident.householdId,
        buildingId: households.get(resident.householdId)?.buildingId ?? null,
        assigneeId: dispatched ? assigneeId : null,
        tier,
        slaDueAt: iso(slaDueAt(category, tier, new Date(tierSince))),
        escalations,
        jointDepartments: joint ? '/CITY_MANAGEMENT/ENFORCEMENT/' : '',
        createdAt: iso(new Date(createdAt)),
        acceptedAt: acceptedAt === null ? null : iso(new Date(acceptedAt)),
        resolvedAt: resolvedAt === null ? null : iso(new Date(resolvedAt)),
        closedAt: closedAt === null ? null : iso(new Date(closedAt)),
        resolvedOnTime: resolvedAt === null ? null : escalations === 0 && resolvedAt <= firstDue,
        rating,
        feedback,
      });
      if (requests.length >= REQUESTS_PER_FLUSH) await flush();
    }
    demoComplaints(city, seededAt, requests, events);
    await flush();
  });
}

/** About the rows `seedRequests` writes: a request for one resident in five, with its timeline (6.8 entries on average). */
export function requestsSeedRows(city: City): number {
  return city.regions.length + city.households.length + Math.round(city.residents.length * 0.2 * 7.8);
}

/** Hours before seeding of the demo's heating requests: three inside the early-warning rule's 24 h. */
const DEMO_HOURS_AGO = [20, 9, 2] as const;
const DEMO_DESCRIPTIONS = ['暖气不热，室温只有十几度', '暖气片冰凉，家里有老人', '整栋楼暖气都不热'] as const;

/**
 * What the demo shows when `npm start` runs the early-warning engine once: one building whose heating
 * failed today, reported by three of its households within a day (REPEATED_COMPLAINTS). The building
 * is the first, past the two the monitoring demo sets on fire and leaks gas in, with three occupied
 * households; the requests are still waiting to be accepted.
 */
export function demoComplaintBuilding(city: City): { buildingId: string; residents: City['residents'][number][] } | undefined {
  for (const building of city.buildings.slice(2)) {
    const households = new Set(
      city.households.filter((household) => household.buildingId === building.id).map((household) => household.id),
    );
    const oneEach = new Map<string, City['residents'][number]>();
    for (const resident of city.residents)
      if (households.has(resident.householdId) && !oneEach.has(resident.householdId)) oneEach.set(resident.householdId, resident);
    if (oneEach.size >= DEMO_HOURS_AGO.length)
      return { buildingId: building.id, residents: [...oneEach.values()].slice(0, DEMO_HOURS_AGO.length) };
  }
  return undefined;
}

function demoComplaints(city: City, seededAt: number, requests: Record<string, unknown>[], events: SeedEvent[]): void {
  const demo = demoComplaintBuilding(city);
  if (!demo) return;
  demo.residents.forEach((resident, n) => {
    const id = `rr-demo-${n + 1}`;
    const createdAt = new Date(seededAt - DEMO_HOURS_AGO[n]! * HOUR);
    events.push(submitted(id, createdAt, resident.id));
    requests.push({
      id,
      clientKey: `demo-${n + 1}`,
      category: 'HEATING',
      description: DEMO_DESCRIPTIONS[n] ?? '暖气不热',
      status: 'SUBMITTED',
      submittedById: resident.id,
      regionPath: `/${resident.regionPath.join('/')}/`,
      contactPhone: resident.phone,
      householdId: resident.householdId,
      buildingId: demo.buildingId,
      assigneeId: null,
      tier: 'COMMUNITY',
      slaDueAt: iso(slaDueAt('HEATING', 'COMMUNITY', createdAt)),
      escalations: 0,
      jointDepartments: '',
      createdAt: iso(createdAt),
      acceptedAt: null,
      resolvedAt: null,
      closedAt: null,
      resolvedOnTime: null,
      rating: null,
      feedback: null,
    });
  });
}

export async function isRequestsEmpty(db: Db): Promise<boolean> {
  return (await db.repairRequest.count()) === 0;
}
