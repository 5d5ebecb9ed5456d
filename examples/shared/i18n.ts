// What the example pages share of their Chinese (the default) and English: the two languages, the
// lookup of a phrase, names of the graph's values both pages show, and how a moment is written.
export type Lang = 'zh' | 'en';

/** One phrase in both languages: a table of them makes a missing translation a type error. */
export interface Phrase {
  readonly zh: string;
  readonly en: string;
}

export type Phrases = Readonly<Record<string, Phrase>>;

/** The page's `t(lang, word)` over its own table: `word` is a key of the table, checked by the compiler. */
export function translator<Words extends Phrases>(words: Words): (lang: Lang, word: keyof Words) => string {
  return (lang, word) => words[word]![lang];
}

/** `key`'s phrase in `table`; a key the table does not name (a value added to the graph later) shows as it is. */
export function phrase(table: Phrases, lang: Lang, key: string): string {
  return table[key]?.[lang] ?? key;
}

/**
 * Names of the graph's enumeration values that both pages show: place levels, repair categories, the
 * repair request's states (but RESOLVED, which each page words its own way) and the departments (the
 * English names as the console shows them; the resident's page says "bureau" where a bureau is meant).
 */
export const SHARED_VALUES: Phrases = {
  CITY: { zh: '市', en: 'City' },
  DISTRICT: { zh: '区', en: 'District' },
  STREET: { zh: '街道', en: 'Street' },
  COMMUNITY: { zh: '社区', en: 'Community' },
  GRID: { zh: '网格', en: 'Grid' },
  WATER: { zh: '水', en: 'Water' },
  POWER: { zh: '电', en: 'Power' },
  GAS: { zh: '燃气', en: 'Gas' },
  HEATING: { zh: '供暖', en: 'Heating' },
  PROPERTY: { zh: '物业', en: 'Property' },
  SANITATION: { zh: '环卫', en: 'Sanitation' },
  ROAD: { zh: '道路', en: 'Road' },
  OTHER: { zh: '其他', en: 'Other' },
  SUBMITTED: { zh: '已提交', en: 'Submitted' },
  ACCEPTED: { zh: '已受理', en: 'Accepted' },
  DISPATCHED: { zh: '已派单', en: 'Dispatched' },
  IN_PROGRESS: { zh: '处理中', en: 'In progress' },
  CLOSED: { zh: '已关闭', en: 'Closed' },
  ESCALATED: { zh: '已上报', en: 'Escalated' },
  CIVIL_AFFAIRS: { zh: '民政局', en: 'Civil affairs' },
  COMMUNITY_SERVICES: { zh: '社区服务', en: 'Community services' },
  CITY_MANAGEMENT: { zh: '城市管理局', en: 'City management' },
  ENFORCEMENT: { zh: '综合行政执法局', en: 'Law enforcement' },
  PETITIONS: { zh: '信访局', en: 'Petitions office' },
  EMERGENCY: { zh: '应急管理局', en: 'Emergency management' },
  PUBLIC_SECURITY: { zh: '公安局', en: 'Public security' },
  SUPERVISION: { zh: '监督考核办公室', en: 'Supervision office' },
};

/** A moment in the city's time zone, the date written `short` (console) or `medium` (resident's page). */
export function when(iso: string | null | undefined, lang: Lang, dateStyle: 'short' | 'medium'): string {
  return iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle, timeStyle: 'short', timeZone: 'Asia/Shanghai' }) : '';
}
