// What the example pages share of their Chinese (the default) and English: the two languages, the
// lookup of a phrase, the words and names of the graph's values both pages show, and how a moment
// is written.
export type Lang = 'zh' | 'en';

/** One phrase in both languages: a table of them makes a missing translation a type error. */
export interface Phrase {
  readonly zh: string;
  readonly en: string;
}

export type Phrases = Readonly<Record<string, Phrase>>;

/** `key`'s phrase in `table`; a key the table does not name (a value added to the graph later) shows as it is. */
export function phrase(table: Phrases, lang: Lang, key: string): string {
  return table[key]?.[lang] ?? key;
}

/**
 * Names of the graph's enumeration values that both pages show: place levels, repair categories, the
 * repair request's states (but RESOLVED, which each page words its own way) and the departments (the
 * English names as the console shows them; the resident's page says "bureau" where a bureau is meant).
 */
const SHARED_VALUES: Phrases = {
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

/** Words both pages use alike. */
const SHARED_WORDS = {
  switchLang: { zh: 'English', en: '中文' },
  error: { zh: '加载失败', en: 'Could not load' },
} as const;

/** A page's lookups, made by {@link dictionary}. */
export interface Dictionary<Word> {
  /** A word of the page's table (or of the shared words): the compiler checks that it is one. */
  readonly t: (lang: Lang, word: Word) => string;
  /** The name of one of the graph's values, the page's own names over the shared ones. */
  readonly valueName: (lang: Lang, value: string) => string;
  /** A moment in the city's time zone; empty for none. */
  readonly when: (iso: string | null | undefined, lang: Lang) => string;
}

export interface DictionaryOptions<Words extends Phrases> {
  readonly words: Words;
  /** The page's own value names, besides (or instead of) {@link SHARED_VALUES}. */
  readonly values: Phrases;
  /** How {@link Dictionary.when} writes the date: `short` (the console) or `medium` (the resident's page). */
  readonly dateStyle: 'short' | 'medium';
}

/** A page's `t`, `valueName` and `when` over its own tables and the shared ones. */
export function dictionary<Words extends Phrases>({
  words,
  values,
  dateStyle,
}: DictionaryOptions<Words>): Dictionary<keyof Words | keyof typeof SHARED_WORDS> {
  const allWords: Phrases = { ...SHARED_WORDS, ...words };
  const allValues: Phrases = { ...SHARED_VALUES, ...values };
  return {
    t: (lang, word) => phrase(allWords, lang, String(word)),
    valueName: (lang, value) => phrase(allValues, lang, value),
    when: (iso, lang) =>
      iso
        ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle, timeStyle: 'short', timeZone: 'Asia/Shanghai' })
        : '',
  };
}
