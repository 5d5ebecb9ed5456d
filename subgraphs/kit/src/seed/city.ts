import { idNumberCheck } from './id-number';
import { Random } from './random';

/**
 * A synthetic city shaped like Shenyang, the same on every machine for the same size and seed.
 * Every department seeds its own tables from it, so their records agree on who lives where.
 */
export interface City {
  readonly regions: readonly CityRegion[];
  readonly buildings: readonly CityBuilding[];
  readonly households: readonly CityHousehold[];
  readonly residents: readonly CityResident[];
}

export type RegionLevel = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';

export interface CityRegion {
  readonly id: string;
  readonly level: RegionLevel;
  readonly name: string;
  readonly parentId: string | null;
  /** Ids from the city down to this region. */
  readonly path: readonly string[];
  /** [west, south, east, north] in WGS84 degrees; each child lies inside its parent. */
  readonly bbox: readonly [number, number, number, number];
}

export interface CityBuilding {
  readonly id: string;
  readonly gridId: string;
  readonly name: string;
  readonly address: string;
  readonly lng: number;
  readonly lat: number;
}

export interface CityHousehold {
  readonly id: string;
  readonly buildingId: string;
  readonly gridId: string;
  readonly unit: number;
  readonly room: string;
}

export interface CityResident {
  readonly id: string;
  readonly householdId: string;
  readonly gridId: string;
  readonly regionPath: readonly string[];
  readonly name: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly phone: string;
  readonly idNumber: string;
  readonly livesAlone: boolean;
  readonly elderly: boolean;
  readonly disability: boolean;
  readonly lowIncome: boolean;
}

export interface CityOptions {
  /** About how many residents. @default 2000 */
  readonly residents?: number;
  /** @default 20260101 */
  readonly seed?: number;
}

/** Ages are counted at this date so that the seed does not change with the calendar. */
export const CITY_REFERENCE_DATE = '2026-01-01';

const DISTRICTS: readonly { code: string; name: string; streets: readonly string[]; communities: readonly string[] }[] = [
  { code: '210103', name: '沈河区', streets: ['大西街道', '滨河街道'], communities: ['多福社区', '文萃社区', '风雨坛社区', '惠工社区'] },
  { code: '210102', name: '和平区', streets: ['太原街街道', '南湖街道'], communities: ['同泽社区', '砂山社区', '湖畔社区', '长白社区'] },
  { code: '210105', name: '皇姑区', streets: ['三台子街道', '华山街道'], communities: ['明廉社区', '岐山社区', '银山社区', '陵东社区'] },
  { code: '210106', name: '铁西区', streets: ['兴华街道', '笃工街道'], communities: ['艳粉社区', '保工社区', '工人村社区', '启工社区'] },
  { code: '210112', name: '浑南区', streets: ['五三街道', '桃仙街道'], communities: ['白塔社区', '浑河站社区', '沈水社区', '新城社区'] },
];
/** Residents a grid holds at most before the city grows more streets, communities and grids. */
const RESIDENTS_PER_GRID = 400;
const CITY_BBOX = [123.2, 41.65, 123.7, 41.95] as const;

const FAMILY_NAMES = Array.from('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕');
const GIVEN_CHARS = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯欣怡晨阳博');
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '159',
  '177',
  '180',
  '185',
  '186',
  '187',
  '188',
  '189',
  '199',
];
/** Syllables of the synthetic street and community names a large city needs beyond the real ones. */
const PLACE_CHARS = Array.from('安康泰和平兴隆盛华新民丰乐景福祥瑞宁春阳光明德顺永昌');
const NUMERALS = Array.from('一二三四五六七八九十');

/**
 * How many streets each district, communities each street and grids each community has. The small
 * city (up to 16,000 residents) is the same 5 × 2 × 2 × 2 = 40 grids it has always been; a larger one
 * grows so that a grid holds at most about {@link RESIDENTS_PER_GRID} residents, as real grids do.
 */
export function cityShape(residents: number): { readonly streets: number; readonly communities: number; readonly grids: number } {
  const perDistrict = Math.ceil(residents / RESIDENTS_PER_GRID / DISTRICTS.length);
  if (perDistrict <= 8) return { streets: 2, communities: 2, grids: 2 };
  const grids = 4;
  const side = Math.ceil(Math.sqrt(perDistrict / grids));
  return { streets: side, communities: side, grids };
}

/** Builds the city: regions CITY → DISTRICT → STREET → COMMUNITY → GRID, then buildings, households, residents. */
export function generateCity(options: CityOptions = {}): City {
  const random = new Random(options.seed ?? 20260101);
  const shape = cityShape(options.residents ?? 2000);
  const regions: CityRegion[] = [];
  const city: CityRegion = { id: 'r-2101', level: 'CITY', name: '沈阳市', parentId: null, path: ['r-2101'], bbox: CITY_BBOX };
  regions.push(city);
  const grids: { grid: CityRegion; districtCode: string; districtName: string; communityName: string }[] = [];
  DISTRICTS.forEach((district, d) => {
    const districtRegion = child(city, `r-${district.code}`, 'DISTRICT', district.name, d, DISTRICTS.length);
    regions.push(districtRegion);
    for (let s = 0; s < shape.streets; s += 1) {
      const streetName = district.streets[s] ?? placeName(d, s, '街道');
      const street = child(districtRegion, `${districtRegion.id}-${s + 1}`, 'STREET', streetName, s, shape.streets);
      regions.push(street);
      for (let c = 0; c < shape.communities; c += 1) {
        // The first two streets keep the real communities of the small city (多福社区 first).
        const communityName =
          (c < 2 && s < 2 ? district.communities[s * 2 + c] : undefined) ?? placeName(d, s * shape.communities + c, '社区');
        const community = child(street, `${street.id}-${c + 1}`, 'COMMUNITY', communityName, c, shape.communities);
        regions.push(community);
        for (let g = 0; g < shape.grids; g += 1) {
          const grid = child(
            community,
            `${community.id}-${g + 1}`,
            'GRID',
            `${communityName}第${NUMERALS[g] ?? g + 1}网格`,
            g,
            shape.grids,
          );
          regions.push(grid);
          grids.push({ grid, districtCode: district.code, districtName: district.name, communityName });
        }
      }
    }
  });

  const target = Math.max(grids.length, options.residents ?? 2000);
  const perGrid = Math.ceil(target / grids.length);
  const buildings: CityBuilding[] = [];
  const households: CityHousehold[] = [];
  const residents: CityResident[] = [];
  const usedIdNumbers = new Set<string>();
  for (const { grid, districtCode, districtName, communityName } of grids) {
    let placed = 0;
    let buildingNumber = 0;
    while (placed < perGrid && residents.length < target) {
      buildingNumber += 1;
      const [west, south, east, north] = grid.bbox;
      const building: CityBuilding = {
        id: `b-${String(buildings.length + 1).padStart(6, '0')}`,
        gridId: grid.id,
        name: `${communityName}${buildingNumber}号楼`,
        address: `沈阳市${districtName}${communityName}${buildingNumber}号楼`,
        lng: round(west + (east - west) * (0.1 + 0.8 * random.next())),
        lat: round(south + (north - south) * (0.1 + 0.8 * random.next())),
      };
      buildings.push(building);
      const hasRoom = () => placed < perGrid && residents.length < target;
      for (let unit = 1; unit <= 2 && hasRoom(); unit += 1) {
        for (let flat = 1; flat <= 6 && hasRoom(); flat += 1) {
          const household: CityHousehold = {
            id: `h-${String(households.length + 1).padStart(7, '0')}`,
            buildingId: building.id,
            gridId: grid.id,
            unit,
            room: `${Math.ceil(flat / 2)}0${((flat - 1) % 2) + 1}`,
          };
          households.push(household);
          const size = random.pick([1, 1, 2, 2, 2, 3, 3, 4]);
          const elderlyHome = size === 1 && random.chance(0.5);
          for (let member = 0; member < size && hasRoom(); member += 1) {
            const age = elderlyHome ? random.int(65, 92) : member < 2 ? random.int(25, 75) : random.int(1, 20);
            residents.push(person(random, residents.length + 1, household, grid, districtCode, age, size === 1, usedIdNumbers));
            placed += 1;
          }
        }
      }
    }
  }
  return { regions, buildings, households, residents };
}

function person(
  random: Random,
  n: number,
  household: CityHousehold,
  grid: CityRegion,
  districtCode: string,
  age: number,
  livesAlone: boolean,
  used: Set<string>,
): CityResident {
  const gender = random.chance(0.5) ? 'MALE' : 'FEMALE';
  const year = 2026 - age - 1;
  const birthDate = `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
  let idNumber: string;
  do {
    // The 17th digit is odd for men and even for women (GB 11643).
    const sequence = random.int(0, 49) * 10 + random.int(0, 4) * 2 + (gender === 'MALE' ? 1 : 0);
    const first17 = `${districtCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
    idNumber = first17 + idNumberCheck(first17);
  } while (used.has(idNumber));
  used.add(idNumber);
  const givenLength = random.chance(0.7) ? 2 : 1;
  const name = random.pick(FAMILY_NAMES) + Array.from({ length: givenLength }, () => random.pick(GIVEN_CHARS)).join('');
  return {
    id: `p-${String(n).padStart(7, '0')}`,
    householdId: household.id,
    gridId: grid.id,
    regionPath: grid.path,
    name,
    gender,
    birthDate,
    phone: `${random.pick(PHONE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    idNumber,
    livesAlone,
    elderly: age >= 60,
    disability: random.chance(0.03),
    lowIncome: random.chance(0.05),
  };
}

/** The i-th of n slices of the parent's box, cut across its longer side. */
function child(parent: CityRegion, id: string, level: RegionLevel, name: string, i: number, n: number): CityRegion {
  const [west, south, east, north] = parent.bbox;
  const bbox: [number, number, number, number] =
    east - west >= north - south
      ? [round(west + ((east - west) * i) / n), south, round(west + ((east - west) * (i + 1)) / n), north]
      : [west, round(south + ((north - south) * i) / n), east, round(south + ((north - south) * (i + 1)) / n)];
  return { id, level, name, parentId: parent.id, path: [...parent.path, id], bbox };
}

/** A deterministic synthetic place name, distinct within its district: 安康街道, 泰和社区… */
function placeName(district: number, n: number, suffix: string): string {
  const count = PLACE_CHARS.length;
  const i = n + district * 7;
  const first = PLACE_CHARS[i % count] ?? '';
  const second = PLACE_CHARS[(Math.floor(i / count) + 1 + (i % count)) % count] ?? '';
  return `${first}${second}${n >= count ? (NUMERALS[Math.floor(n / count) % NUMERALS.length] ?? '') : ''}${suffix}`;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
