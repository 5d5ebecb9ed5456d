// The page's words in Chinese (the default) and English. One table, so a missing translation is a
// type error rather than a blank on screen.
export type Lang = 'zh' | 'en';

const WORDS = {
  title: { zh: '两邻 · 我的社区', en: 'Liangling · My community' },
  signedInAs: { zh: '当前居民', en: 'Signed in as' },
  neighbourServices: { zh: '身边的邻里服务', en: 'Neighbour services near my home' },
  allCategories: { zh: '全部类别', en: 'All categories' },
  myHome: { zh: '我家', en: 'My home' },
  noServices: { zh: '附近暂无此类服务', en: 'No such service near you' },
  repair: { zh: '一键报修', en: 'One-click repair' },
  category: { zh: '类别', en: 'Category' },
  description: { zh: '问题描述', en: 'What is wrong' },
  phone: { zh: '联系电话', en: 'Phone to call back' },
  submit: { zh: '提交', en: 'Submit' },
  submitted: { zh: '已提交', en: 'Submitted' },
  myRequests: { zh: '我的报修', en: 'My repair requests' },
  rate: { zh: '评价', en: 'Rate' },
  petitions: { zh: '我的信访', en: 'My petitions' },
  due: { zh: '办理时限', en: 'Due' },
  opinions: { zh: '社区民意', en: 'Opinions in my community' },
  support: { zh: '支持', en: 'Support' },
  supported: { zh: '已支持', en: 'Supported' },
  supporters: { zh: '人支持', en: 'supporters' },
  accessLog: { zh: '谁访问了我的数据', en: 'Who accessed my data' },
  when: { zh: '时间', en: 'When' },
  who: { zh: '访问者', en: 'Who' },
  what: { zh: '内容', en: 'What' },
  why: { zh: '目的', en: 'Why' },
  none: { zh: '暂无', en: 'None yet' },
  error: { zh: '加载失败', en: 'Could not load' },
} as const;

export type Word = keyof typeof WORDS;

export function t(lang: Lang, word: Word): string {
  return WORDS[word][lang];
}

/** Names of the graph's enumeration values, for display. */
const VALUES: Readonly<Record<string, { zh: string; en: string }>> = {
  ELDERLY_CARE: { zh: '养老照护', en: 'Elderly care' },
  MEALS: { zh: '助餐', en: 'Meals' },
  HOUSEKEEPING: { zh: '家政', en: 'Housekeeping' },
  REPAIR: { zh: '维修', en: 'Repair' },
  HEALTH: { zh: '健康', en: 'Health' },
  LEGAL_AID: { zh: '法律援助', en: 'Legal aid' },
  VOLUNTEERING: { zh: '志愿服务', en: 'Volunteering' },
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
  RESOLVED: { zh: '已解决', en: 'Resolved' },
  CLOSED: { zh: '已关闭', en: 'Closed' },
  ESCALATED: { zh: '已上报', en: 'Escalated' },
  RECEIVED: { zh: '已登记', en: 'Received' },
  NOT_ACCEPTED: { zh: '不予受理', en: 'Not accepted' },
  HANDLING: { zh: '办理中', en: 'Handling' },
  REPLIED: { zh: '已答复', en: 'Replied' },
  REVIEW_REQUESTED: { zh: '申请复查', en: 'Review requested' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  community_staff: { zh: '社区工作人员', en: 'Community staff' },
  department_officer: { zh: '部门工作人员', en: 'Department officer' },
  partner: { zh: '合作单位', en: 'Partner' },
  auditor: { zh: '监督考核', en: 'Auditor' },
  resident: { zh: '居民本人', en: 'Resident' },
  service: { zh: '系统服务', en: 'Service' },
};

export function valueName(lang: Lang, value: string): string {
  return VALUES[value]?.[lang] ?? value;
}

export const SERVICE_CATEGORIES = ['ELDERLY_CARE', 'MEALS', 'HOUSEKEEPING', 'REPAIR', 'HEALTH', 'LEGAL_AID', 'VOLUNTEERING'] as const;
export const REPAIR_CATEGORIES = ['WATER', 'POWER', 'GAS', 'HEATING', 'PROPERTY', 'SANITATION', 'ROAD', 'OTHER'] as const;
