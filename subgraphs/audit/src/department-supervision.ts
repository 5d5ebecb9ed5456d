import { Field, Int, ObjectType } from 'type-graphql';

/**
 * The city's departments. Supervision and assessment (监督考核) owns the list; every department's
 * subgraph adds its own performance figures to the same entity, so one query compares them all.
 */
export const DEPARTMENT_NAMES: Readonly<Record<string, string>> = {
  CIVIL_AFFAIRS: '民政局（网格与居民）',
  COMMUNITY_SERVICES: '社区服务（大邻居）',
  CITY_MANAGEMENT: '城市管理局（一键报修）',
  ENFORCEMENT: '综合行政执法局',
  PETITIONS: '信访局',
  EMERGENCY: '应急管理局',
  PUBLIC_SECURITY: '公安局',
  SUPERVISION: '监督考核办公室',
};

@ObjectType({ description: 'How often a department’s staff revealed personal data: the supervision office’s view.' })
export class PrivacyAccessFigures {
  @Field(() => Int, { description: 'Requests in which the department’s officers revealed personal data.' })
  records!: number;

  @Field(() => Int)
  residentsConcerned!: number;
}
