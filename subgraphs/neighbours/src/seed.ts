import { bulkLoad, type City, CITY_REFERENCE_DATE, type CityRegion, insertRows, joinPath, Random } from '@liangling/kit';
import type { Db } from './context';
import { NeighbourServiceCategory as Category, OrganisationKind as Kind } from './enums';

interface SeedOrganisation {
  id: string;
  name: string;
  kind: Kind;
  phone: string;
  address: string;
  lng: number;
  lat: number;
  region: CityRegion;
  services: readonly SeedService[];
}

interface SeedService {
  /** Appended to the organisation's id for a stable service id. */
  slug: string;
  category: Category;
  name: string;
  hours: string;
  price?: readonly [cents: number, unit: string];
}

const ROUND_THE_CLOCK = '00:00-24:00';
const OFFICE = '08:30-17:00';
const PROPERTY_BRANDS = [
  '万科物业',
  '华润万象生活',
  '保利物业',
  '碧桂园服务',
  '龙湖智创生活',
  '中海物业',
  '绿城服务',
  '招商积余',
  '金地物业',
  '融创服务',
];
const SKILLS = [
  '陪护',
  '助餐送餐',
  '水电维修',
  '心理疏导',
  '法律咨询',
  '理发',
  '辅导功课',
  '健康讲座',
  '文艺演出',
  '环境清洁',
  '手机教学',
  '代购代办',
];
const AVAILABILITY = ['周末上午', '周末全天', '工作日晚上', '每周三下午', '随叫随到', '节假日'];

/**
 * Big neighbours at three levels of the city: utilities, hospitals and city bodies for all of it;
 * a property company, a clinic, a school and the street office (街道办事处) per street; an elders'
 * canteen, a household-services shop and a mutual-aid society per community. Their services cover
 * the level they work at. Ids are stable so that other departments can refer to them.
 */
export function cityOrganisations(city: City): SeedOrganisation[] {
  const random = new Random(4002);
  const byId = new Map(city.regions.map((region) => [region.id, region]));
  const cityRegion = city.regions.find((region) => region.level === 'CITY') as CityRegion;
  const phone = () => `024-${random.int(22_000_000, 89_999_999)}`;
  const inside = (region: CityRegion) => {
    const [west, south, east, north] = region.bbox;
    return {
      lng: round(west + (east - west) * (0.15 + 0.7 * random.next())),
      lat: round(south + (north - south) * (0.15 + 0.7 * random.next())),
    };
  };
  const organisations: SeedOrganisation[] = [
    {
      id: 'org-water',
      name: '沈阳水务集团有限公司',
      kind: Kind.UTILITY_WATER,
      phone: '024-96111',
      address: '沈阳市和平区北五经街16号',
      lng: 123.4145,
      lat: 41.7963,
      region: cityRegion,
      services: [{ slug: 'repair', category: Category.REPAIR, name: '供水管道抢修', hours: ROUND_THE_CLOCK, price: [0, '次'] }],
    },
    {
      id: 'org-power',
      name: '国网沈阳供电公司',
      kind: Kind.UTILITY_POWER,
      phone: '95598',
      address: '沈阳市和平区南京北街236号',
      lng: 123.4052,
      lat: 41.7994,
      region: cityRegion,
      services: [{ slug: 'repair', category: Category.REPAIR, name: '居民用电故障抢修', hours: ROUND_THE_CLOCK, price: [0, '次'] }],
    },
    {
      id: 'org-gas',
      name: '沈阳燃气有限公司',
      kind: Kind.UTILITY_GAS,
      phone: '024-96177',
      address: '沈阳市沈河区北站路59号',
      lng: 123.4371,
      lat: 41.8083,
      region: cityRegion,
      services: [
        { slug: 'repair', category: Category.REPAIR, name: '燃气设施维修', hours: ROUND_THE_CLOCK, price: [0, '次'] },
        { slug: 'check', category: Category.REPAIR, name: '入户燃气安全检查', hours: OFFICE, price: [0, '次'] },
      ],
    },
    {
      id: 'org-heating',
      name: '沈阳惠天热电股份有限公司',
      kind: Kind.UTILITY_HEATING,
      phone: '024-96328',
      address: '沈阳市沈河区热闹路47号',
      lng: 123.4512,
      lat: 41.7902,
      region: cityRegion,
      services: [{ slug: 'repair', category: Category.REPAIR, name: '供暖故障报修', hours: ROUND_THE_CLOCK, price: [0, '次'] }],
    },
    {
      id: 'org-hospital-cmu1',
      name: '中国医科大学附属第一医院',
      kind: Kind.HOSPITAL,
      phone: '024-83282888',
      address: '沈阳市和平区南京北街155号',
      lng: 123.4046,
      lat: 41.7938,
      region: cityRegion,
      services: [{ slug: 'outpatient', category: Category.HEALTH, name: '专家门诊预约', hours: '08:00-16:30', price: [5000, '次'] }],
    },
    {
      id: 'org-hospital-shengjing',
      name: '中国医科大学附属盛京医院',
      kind: Kind.HOSPITAL,
      phone: '024-96615',
      address: '沈阳市和平区三好街36号',
      lng: 123.4355,
      lat: 41.7731,
      region: cityRegion,
      services: [{ slug: 'home-care', category: Category.HEALTH, name: '互联网医院上门护理', hours: '08:00-20:00', price: [15000, '次'] }],
    },
    {
      id: 'org-legal-aid',
      name: '沈阳市法律援助中心',
      kind: Kind.GOVERNMENT,
      phone: '12348',
      address: '沈阳市沈河区市府大路260号',
      lng: 123.4421,
      lat: 41.8012,
      region: cityRegion,
      services: [{ slug: 'hotline', category: Category.LEGAL_AID, name: '12348法律援助热线', hours: ROUND_THE_CLOCK, price: [0, '次'] }],
    },
    {
      id: 'org-volunteers',
      name: '沈阳市志愿者协会',
      kind: Kind.SOCIAL_ORG,
      phone: '024-22733120',
      address: '沈阳市沈河区市府大路258号',
      lng: 123.4415,
      lat: 41.8019,
      region: cityRegion,
      services: [{ slug: 'match', category: Category.VOLUNTEERING, name: '志愿服务需求对接', hours: OFFICE, price: [0, '次'] }],
    },
  ];
  const streets = city.regions.filter((region) => region.level === 'STREET');
  streets.forEach((street, s) => {
    const district = byId.get(street.parentId ?? '') as CityRegion;
    const place = `沈阳市${district.name}${street.name}`;
    const short = street.name.replace(/街道$/, '');
    organisations.push(
      {
        id: `org-property-${street.id}`,
        name: `${PROPERTY_BRANDS[s % PROPERTY_BRANDS.length]}${short}服务中心`,
        kind: Kind.PROPERTY_MANAGEMENT,
        phone: phone(),
        address: `${place}物业服务中心`,
        ...inside(street),
        region: street,
        services: [
          { slug: 'repair', category: Category.REPAIR, name: '小区公共设施维修', hours: ROUND_THE_CLOCK, price: [0, '次'] },
          { slug: 'cleaning', category: Category.HOUSEKEEPING, name: '入户保洁', hours: '08:00-18:00', price: [4500, '小时'] },
        ],
      },
      {
        id: `org-clinic-${street.id}`,
        name: `${short}社区卫生服务中心`,
        kind: Kind.HOSPITAL,
        phone: phone(),
        address: `${place}卫生服务中心`,
        ...inside(street),
        region: street,
        services: [
          { slug: 'family-doctor', category: Category.HEALTH, name: '家庭医生签约服务', hours: '08:00-17:00', price: [0, '年'] },
          {
            slug: 'home-visit',
            category: Category.ELDERLY_CARE,
            name: '老年人上门巡诊',
            hours: '08:30-11:30, 13:30-16:30',
            price: [2000, '次'],
          },
        ],
      },
      {
        id: `org-school-${street.id}`,
        name: `沈阳市${district.name}${short}小学`,
        kind: Kind.SCHOOL,
        phone: phone(),
        address: `${place}${short}小学`,
        ...inside(street),
        region: street,
        services: [],
      },
      {
        id: `org-office-${street.id}`,
        name: `${district.name}${street.name}办事处`,
        kind: Kind.GOVERNMENT,
        phone: phone(),
        address: `${place}办事处`,
        ...inside(street),
        region: street,
        services: [{ slug: 'legal', category: Category.LEGAL_AID, name: '街道法律援助工作站', hours: OFFICE }],
      },
    );
  });
  for (const community of city.regions.filter((region) => region.level === 'COMMUNITY')) {
    const street = byId.get(community.parentId ?? '') as CityRegion;
    const district = byId.get(street.parentId ?? '') as CityRegion;
    const place = `沈阳市${district.name}${community.name}`;
    const short = community.name.replace(/社区$/, '');
    organisations.push(
      {
        id: `org-canteen-${community.id}`,
        name: `${short}长者食堂`,
        kind: Kind.MERCHANT,
        phone: phone(),
        address: `${place}${random.int(1, 30)}号楼底商`,
        ...inside(community),
        region: community,
        services: [
          {
            slug: 'meals',
            category: Category.MEALS,
            name: '老年助餐',
            hours: '06:30-08:30, 11:00-13:00, 17:00-19:00',
            price: [1200, '餐'],
          },
          { slug: 'delivery', category: Category.MEALS, name: '助餐送餐上门', hours: '11:00-13:00', price: [300, '次'] },
        ],
      },
      {
        id: `org-homeservice-${community.id}`,
        name: `${short}家政便民服务部`,
        kind: Kind.MERCHANT,
        phone: phone(),
        address: `${place}${random.int(1, 30)}号楼底商`,
        ...inside(community),
        region: community,
        services: [
          { slug: 'housekeeping', category: Category.HOUSEKEEPING, name: '家政保洁', hours: '08:00-20:00', price: [5000, '小时'] },
          { slug: 'appliances', category: Category.REPAIR, name: '家电维修', hours: '08:00-20:00', price: [3000, '次'] },
        ],
      },
      {
        id: `org-mutual-aid-${community.id}`,
        name: `${community.name}邻里互助社`,
        kind: Kind.SOCIAL_ORG,
        phone: phone(),
        address: `${place}党群服务中心`,
        ...inside(community),
        region: community,
        services: [
          { slug: 'volunteering', category: Category.VOLUNTEERING, name: '邻里互助志愿服务', hours: '08:00-20:00', price: [0, '次'] },
          { slug: 'day-care', category: Category.ELDERLY_CARE, name: '日间照料', hours: '07:30-17:30', price: [2000, '天'] },
        ],
      },
    );
  }
  return organisations;
}

/** Organisations, their services, some volunteers, and the read model of places; one transaction. */
export async function seedNeighbours(db: Db, city: City): Promise<void> {
  const organisations = cityOrganisations(city);
  const regions = new Map(city.regions.map((region) => [region.id, region]));
  const epoch = new Date('2025-09-01T00:00:00Z');
  await bulkLoad(db, async (tx) => {
    await insertRows(
      tx,
      'Region',
      city.regions.map((region) => {
        const [west, south, east, north] = region.bbox;
        return {
          id: region.id,
          level: region.level,
          parentId: region.parentId,
          path: joinPath(region.path),
          centroidLng: (west + east) / 2,
          centroidLat: (south + north) / 2,
        };
      }),
    );
    await insertRows(
      tx,
      'Building',
      city.buildings.map((building) => ({
        id: building.id,
        gridId: building.gridId,
        regionPath: joinPath((regions.get(building.gridId) as CityRegion).path),
        lng: building.lng,
        lat: building.lat,
      })),
    );
    await insertRows(
      tx,
      'Organisation',
      organisations.map(({ region: _region, services: _services, ...organisation }) => organisation),
    );
    await insertRows(
      tx,
      'OrganisationRegion',
      organisations.map((organisation) => ({
        organisationId: organisation.id,
        regionId: organisation.region.id,
        regionPath: joinPath(organisation.region.path),
      })),
    );
    const services = organisations.flatMap((organisation) =>
      organisation.services.map((service) => ({ organisation, service, id: `svc-${organisation.id.slice(4)}-${service.slug}` })),
    );
    await insertRows(
      tx,
      'NeighbourService',
      services.map(({ organisation, service, id }) => ({
        id,
        providerId: organisation.id,
        category: service.category,
        name: service.name,
        hours: service.hours,
        priceCents: service.price?.[0] ?? null,
        priceUnit: service.price?.[1] ?? null,
        status: 'ACTIVE',
        createdAt: epoch,
        updatedAt: epoch,
      })),
    );
    await insertRows(
      tx,
      'ServiceArea',
      services.map(({ organisation, id }) => ({
        serviceId: id,
        regionId: organisation.region.id,
        regionPath: joinPath(organisation.region.path),
      })),
    );
    await insertRows(tx, 'Volunteer', seedVolunteers(city, epoch));
  });
}

/** About one adult in twenty-five under 75 volunteers. */
function seedVolunteers(city: City, epoch: Date): Record<string, unknown>[] {
  const random = new Random(4012);
  const referenceYear = Number(CITY_REFERENCE_DATE.slice(0, 4));
  return city.residents
    .filter((resident) => {
      const age = referenceYear - Number(resident.birthDate.slice(0, 4));
      return age >= 18 && age < 75 && random.chance(0.04);
    })
    .map((resident, n) => {
      const skills = [...new Set(Array.from({ length: random.int(1, 3) }, () => random.pick(SKILLS)))];
      const signedUp = new Date(epoch.getTime() + random.int(0, 90) * 86_400_000);
      return {
        id: `vol-seed-${String(n + 1).padStart(6, '0')}`,
        residentId: resident.id,
        skills: JSON.stringify(skills),
        availability: random.pick(AVAILABILITY),
        regionPath: `/${resident.regionPath.join('/')}/`,
        createdAt: signedUp,
        updatedAt: signedUp,
      };
    });
}

export async function isNeighboursEmpty(db: Db): Promise<boolean> {
  return (await db.region.count()) === 0;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
