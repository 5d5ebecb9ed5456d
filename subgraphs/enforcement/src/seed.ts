import { bulkLoad, type City, type CityRegion, insertRows, joinPath, Random } from '@liangling/kit';
import { caseYear, formatCaseNumber } from './case-number';
import type { Db } from './context';
import { CaseSource, CaseStatus, type CaseType, PartyKind } from './enums';

const FINDINGS: Readonly<Record<CaseType, readonly string[]>> = {
  ILLEGAL_CONSTRUCTION: ['楼顶私搭彩钢房约20平方米', '一楼住户占用绿地扩建院墙'],
  STREET_VENDING: ['早市摊贩占用人行道经营', '流动摊点在小区门口占道烧烤'],
  NOISE: ['夜间装修施工噪声扰民', '广场音响音量过大'],
  WASTE_DUMPING: ['装修垃圾堆放在单元门口', '向绿化带倾倒建筑垃圾'],
  FIRE_SAFETY: ['电动车在楼道内充电', '消防通道被杂物堵塞'],
  ILLEGAL_ADVERTISING: ['沿街商户私设落地广告牌'],
  ILLEGAL_PARKING: ['车辆长期占用消防通道停放'],
  OTHER: ['破坏公共绿地'],
};
const TYPES = Object.keys(FINDINGS) as CaseType[];
const STATUS_ORDER = [CaseStatus.REGISTERED, CaseStatus.INVESTIGATING, CaseStatus.DECIDED, CaseStatus.EXECUTED, CaseStatus.CLOSED];
const PENALTIES = ['责令限期改正', '罚款500元', '罚款2000元', '责令限期拆除'];
const CASES_PER_DISTRICT = 12;
const DAY = 86_400_000;

/**
 * A dozen cases per district over the autumn of 2025, in every status, with residents and local
 * organisations as parties; the read model of places; and the case counters the numbers came from.
 * The first case of each district is at a building of its first grid, under investigation, with a
 * resident of that grid as its party, so that the grid's staff have a case to look at. One transaction.
 */
export async function seedEnforcement(db: Db, city: City): Promise<void> {
  const random = new Random(4004);
  const regions = new Map(city.regions.map((region) => [region.id, region]));
  const epoch = Date.parse('2025-09-01T01:00:00Z');
  const cases: Record<string, unknown>[] = [];
  const evidence: Record<string, unknown>[] = [];
  const counters = new Map<string, { districtId: string; year: number; last: number }>();
  for (const district of city.regions.filter((region) => region.level === 'DISTRICT')) {
    const grids = city.regions.filter((region) => region.level === 'GRID' && region.path[1] === district.id);
    const buildings = city.buildings.filter((building) => grids.some((grid) => grid.id === building.gridId));
    const starts = Array.from(
      { length: CASES_PER_DISTRICT },
      () => epoch + random.int(0, 100) * DAY + random.int(0, 10 * 3600) * 1000,
    ).sort((a, b) => a - b);
    starts.forEach((start, n) => {
      const first = n === 0;
      const building = first ? buildings.find((candidate) => candidate.gridId === grids[0]?.id) : random.pick(buildings);
      if (!building) return;
      const grid = regions.get(building.gridId) as CityRegion;
      const type = random.pick(TYPES);
      const status = first ? CaseStatus.INVESTIGATING : random.pick(STATUS_ORDER);
      const reached = STATUS_ORDER.indexOf(status);
      // Each step a few days after the one before.
      const gaps = STATUS_ORDER.map((_, step) => (step === 0 ? 0 : random.int(2, 12) * DAY));
      const at = (step: number) => (reached >= step ? new Date(start + gaps.slice(0, step + 1).reduce((sum, gap) => sum + gap, 0)) : null);
      const year = caseYear(new Date(start));
      const counter = counters.get(`${district.id}|${year}`) ?? { districtId: district.id, year, last: 0 };
      counter.last += 1;
      counters.set(`${district.id}|${year}`, counter);
      const party = seedParty(random, city, grid, first);
      const penalty = reached >= 2 ? random.pick(PENALTIES) : null;
      const id = `ec-seed-${district.id.slice(2)}-${String(n + 1).padStart(3, '0')}`;
      cases.push({
        id,
        caseNumber: formatCaseNumber(district.name, year, counter.last),
        type,
        // Patrol cases only: a seeded referral would point at a request or petition the other departments never seeded.
        source: CaseSource.PATROL,
        originId: null,
        status,
        buildingId: building.id,
        regionId: grid.id,
        regionPath: joinPath(grid.path),
        districtId: district.id,
        officerId: `o-enf-${district.id.slice(2)}-${random.int(1, 3)}`,
        partyKind: reached >= 1 ? party.kind : null,
        partyName: reached >= 1 ? party.name : null,
        partyResidentId: reached >= 1 ? party.residentId : null,
        partyOrganisationId: reached >= 1 ? party.organisationId : null,
        penalty,
        decision: penalty ? `依据《沈阳市城市市容和环境卫生管理条例》，对当事人作出${penalty}的决定。` : null,
        publicSummary: penalty ? `${district.name}${FINDINGS[type][0]}一案，依法作出${penalty}的处罚决定。` : null,
        registeredAt: new Date(start),
        investigatingAt: at(1),
        decidedAt: at(2),
        executedAt: at(3),
        closedAt: at(4),
      });
      evidence.push({
        id: `ev-${id.slice(3)}-1`,
        caseId: id,
        note: `巡查发现：${random.pick(FINDINGS[type])}`,
        addedBy: 'o-enf-seed',
        addedAt: new Date(start),
      });
      if (reached >= 1)
        evidence.push({ id: `ev-${id.slice(3)}-2`, caseId: id, note: '现场拍照取证，询问笔录一份', addedBy: 'o-enf-seed', addedAt: at(1) });
    });
  }
  await bulkLoad(db, async (tx) => {
    await insertRows(
      tx,
      'Region',
      city.regions.map((region) => ({
        id: region.id,
        level: region.level,
        name: region.name,
        parentId: region.parentId,
        path: joinPath(region.path),
      })),
    );
    await insertRows(
      tx,
      'Building',
      city.buildings.map((building) => ({ id: building.id, gridId: building.gridId })),
    );
    await insertRows(tx, 'EnforcementCase', cases);
    await insertRows(tx, 'EvidenceNote', evidence);
    await insertRows(tx, 'CaseCounter', [...counters.values()]);
  });
}

interface SeedParty {
  kind: PartyKind;
  name: string;
  residentId: string | null;
  organisationId: string | null;
}

/** A resident of the grid, or one of the community's shops as the neighbours department seeds them. */
function seedParty(random: Random, city: City, grid: CityRegion, resident: boolean): SeedParty {
  const neighbours = city.residents.filter((candidate) => candidate.gridId === grid.id);
  if ((resident || random.chance(0.5)) && neighbours.length > 0) {
    const party = random.pick(neighbours);
    return { kind: PartyKind.RESIDENT, name: party.name, residentId: party.id, organisationId: null };
  }
  const community = city.regions.find((region) => region.id === grid.parentId) as CityRegion;
  const short = community.name.replace(/社区$/, '');
  return random.chance(0.5)
    ? { kind: PartyKind.ORGANISATION, name: `${short}长者食堂`, residentId: null, organisationId: `org-canteen-${community.id}` }
    : { kind: PartyKind.ORGANISATION, name: `${short}家政便民服务部`, residentId: null, organisationId: `org-homeservice-${community.id}` };
}

export async function isEnforcementEmpty(db: Db): Promise<boolean> {
  return (await db.region.count()) === 0;
}
