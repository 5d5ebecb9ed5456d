// The page's words in Chinese (the default) and English. One table, so a missing translation is a
// type error rather than a blank on screen; values of the graph's enumerations have their own table,
// so the English view never shows a Chinese option.
import { dictionary, phrase, type Lang, type Phrases } from '../../shared/i18n';

export type { Lang };

const WORDS = {
  title: { zh: '两邻 · 我的社区', en: 'Liangling · My community' },
  signedInAs: { zh: '当前居民', en: 'Signed in as' },
  neighbourServices: { zh: '身边的邻里服务', en: 'Neighbour services near my home' },
  allCategories: { zh: '全部类别', en: 'All categories' },
  myHome: { zh: '我家', en: 'My home' },
  mapLegend: {
    zh: '蓝色为我所在网格，黑色方块为我家，圆点为服务所在位置',
    en: 'Blue: my grid; black square: my home; dots: where the services are',
  },
  servesArea: { zh: '服务范围', en: 'Serves' },
  noServices: { zh: '附近暂无此类服务', en: 'No such service near you' },
  waitingForSignIn: { zh: '正在等待登录…', en: 'Waiting for sign-in…' },
  repair: { zh: '一键报修', en: 'One-click repair' },
  repairAt: { zh: '报修地址', en: 'Where' },
  category: { zh: '类别', en: 'Category' },
  description: { zh: '问题描述', en: 'What is wrong' },
  phone: { zh: '联系电话', en: 'Phone to call back' },
  phoneHint: { zh: '默认使用您登记的电话', en: 'Your registered phone, unless you change it' },
  submit: { zh: '提交', en: 'Submit' },
  submitting: { zh: '提交中…', en: 'Submitting…' },
  myRequests: { zh: '我的报修', en: 'My repair requests' },
  live: { zh: '进度实时更新', en: 'Updates live' },
  dueBy: { zh: '承诺办结', en: 'Promised by' },
  overdue: { zh: '已超时', en: 'Overdue' },
  timeline: { zh: '办理进度', en: 'Progress' },
  rate: { zh: '评价', en: 'Rate it' },
  feedback: { zh: '意见（可选）', en: 'Feedback (optional)' },
  send: { zh: '发送评价', en: 'Send rating' },
  yourRating: { zh: '我的评价', en: 'My rating' },
  petitions: { zh: '我的信访', en: 'My petitions' },
  filePetition: { zh: '提交信访', en: 'File a petition' },
  subject: { zh: '标题', en: 'Subject' },
  content: { zh: '内容', en: 'What happened' },
  aboutDepartment: { zh: '反映的部门', en: 'About which department' },
  opinions: { zh: '社区民意', en: 'Opinions in my community' },
  support: { zh: '支持', en: 'Support' },
  supported: { zh: '已支持', en: 'Supported' },
  supporters: { zh: '人支持', en: 'supporters' },
  accessLog: { zh: '谁访问了我的数据', en: 'Who accessed my data' },
  accessIntro: {
    zh: '除您本人以外查看过您个人信息的记录（依据《个人信息保护法》第44–45条）',
    en: 'Everyone but you who saw your personal information (PIPL Art. 44–45)',
  },
  none: { zh: '暂无', en: 'None yet' },
} as const;

/** Names of the graph's enumeration values and codes, for display. */
const VALUES: Phrases = {
  ELDERLY_CARE: { zh: '养老照护', en: 'Elderly care' },
  MEALS: { zh: '助餐', en: 'Meals' },
  HOUSEKEEPING: { zh: '家政', en: 'Housekeeping' },
  REPAIR: { zh: '维修', en: 'Repair' },
  HEALTH: { zh: '健康', en: 'Health' },
  LEGAL_AID: { zh: '法律援助', en: 'Legal aid' },
  VOLUNTEERING: { zh: '志愿服务', en: 'Volunteering' },
  RESOLVED: { zh: '已解决', en: 'Resolved' },
  RECEIVED: { zh: '已登记', en: 'Received' },
  NOT_ACCEPTED: { zh: '不予受理', en: 'Not accepted' },
  HANDLING: { zh: '办理中', en: 'Handling' },
  REPLIED: { zh: '已答复', en: 'Replied' },
  REVIEW_REQUESTED: { zh: '申请复查', en: 'Review requested' },
  grid_worker: { zh: '网格员', en: 'A grid worker' },
  community_staff: { zh: '社区工作人员', en: 'Community staff' },
  department_officer: { zh: '部门工作人员', en: 'A department officer' },
  partner: { zh: '合作单位', en: 'A partner organisation' },
  auditor: { zh: '监督考核人员', en: 'An auditor' },
  resident: { zh: '您本人', en: 'You' },
  service: { zh: '系统服务', en: 'An automated service' },
  anonymous: { zh: '匿名访问', en: 'Someone not signed in' },
  CIVIL_AFFAIRS: { zh: '民政局', en: 'Civil affairs bureau' },
  CITY_MANAGEMENT: { zh: '城市管理局', en: 'City management bureau' },
  ENFORCEMENT: { zh: '综合行政执法局', en: 'Law enforcement bureau' },
  EMERGENCY: { zh: '应急管理局', en: 'Emergency management bureau' },
  PUBLIC_SECURITY: { zh: '公安局', en: 'Public security bureau' },
  ONLINE: { zh: '网上', en: 'Online' },
  LETTER: { zh: '来信', en: 'Letter' },
  VISIT: { zh: '来访', en: 'Visit' },
  PHONE: { zh: '电话', en: 'Phone' },
};

export const { t, valueName, when } = dictionary({ words: WORDS, values: VALUES, dateStyle: 'medium' });

export type Word = Parameters<typeof t>[1];

/** What a step of a request's timeline says, by its action. */
const ACTIONS: Phrases = {
  SUBMIT: { zh: '您提交了报修', en: 'You reported it' },
  ACCEPT: { zh: '已受理', en: 'Taken on' },
  DISPATCH: { zh: '已派给维修单位', en: 'Sent to a repair company' },
  PROGRESS: { zh: '维修人员开始处理', en: 'Repair work started' },
  RESOLVE: { zh: '已修好', en: 'Repaired' },
  CLOSE: { zh: '已办结', en: 'Closed' },
  RATE: { zh: '您作了评价', en: 'You rated it' },
  ESCALATE: { zh: '超时未办，已上报上一级', en: 'Not done in time: passed up a level' },
  OPEN_JOINT: { zh: '多部门联合处理', en: 'Several departments took it on together' },
  JOINT_TASK_DONE: { zh: '一个部门完成了它的部分', en: 'One department finished its part' },
  JOINT_RESOLVED: { zh: '联合处理完成', en: 'Finished together' },
};

export function actionName(lang: Lang, action: string): string {
  return phrase(ACTIONS, lang, action);
}

/** What a kind of record is, in a resident's words (the access log names types). */
const RECORDS: Phrases = {
  Resident: { zh: '您的个人信息（姓名、电话等）', en: 'your personal details (name, phone…)' },
  Household: { zh: '您的住户信息', en: 'your household' },
  RepairRequest: { zh: '您的报修', en: 'your repair request' },
  Petition: { zh: '您的信访件', en: 'your petition' },
  Alert: { zh: '与您有关的预警', en: 'a warning about you' },
  Volunteer: { zh: '您的志愿者登记', en: 'your volunteer record' },
  EnforcementCase: { zh: '与您有关的执法案件', en: 'an enforcement case about you' },
  Opinion: { zh: '您发表的意见', en: 'your opinion' },
};

export function recordName(lang: Lang, typeName: string): string {
  return phrase(RECORDS, lang, typeName);
}

/** Why, in plain words: the declared purpose of the access. */
const PURPOSES: Phrases = {
  'grid-visit': { zh: '网格走访', en: 'a neighbourhood visit by your grid worker' },
  'care-visit': { zh: '关爱探访', en: 'a care visit' },
  emergency: { zh: '紧急情况处置', en: 'an emergency' },
  'community-service': { zh: '社区服务', en: 'community services' },
  'social-assistance': { zh: '社会救助', en: 'social assistance' },
  'case-handling': { zh: '案件办理', en: 'handling a case' },
  'petition-handling': { zh: '信访办理', en: 'handling a petition' },
  'repair-dispatch': { zh: '报修派单与维修', en: 'sending and doing a repair' },
  supervision: { zh: '监督考核', en: 'supervision of the departments' },
  'service-delivery': { zh: '提供服务', en: 'delivering a service' },
  'early-warning': { zh: '安全预警', en: 'a safety early warning' },
  escalation: { zh: '超时自动上报', en: 'escalating a late request' },
  'resident-self-service': { zh: '您自己办理业务', en: 'your own business' },
  'neighbour-services': { zh: '查找邻里服务', en: 'finding neighbour services' },
};

export function purposeName(lang: Lang, purpose: string | null | undefined): string {
  if (!purpose) return lang === 'zh' ? '未说明目的' : 'no purpose given';
  return phrase(PURPOSES, lang, purpose);
}

const APPS: Phrases = {
  'gov-service-app': { zh: '政务服务APP', en: 'the government-service app' },
  'grid-platform': { zh: '网格化管理平台', en: 'the grid management platform' },
  'city-console': { zh: '城市运行管理平台', en: 'the city operations console' },
};

export function appName(lang: Lang, app: string | null | undefined): string {
  if (!app) return lang === 'zh' ? '直接调用数据接口' : 'the data service directly';
  return phrase(APPS, lang, app);
}

export const SERVICE_CATEGORIES = ['ELDERLY_CARE', 'MEALS', 'HOUSEKEEPING', 'REPAIR', 'HEALTH', 'LEGAL_AID', 'VOLUNTEERING'] as const;
export const REPAIR_CATEGORIES = ['WATER', 'POWER', 'GAS', 'HEATING', 'PROPERTY', 'SANITATION', 'ROAD', 'OTHER'] as const;
export const PETITION_DEPARTMENTS = [
  'CITY_MANAGEMENT',
  'CIVIL_AFFAIRS',
  'COMMUNITY_SERVICES',
  'ENFORCEMENT',
  'EMERGENCY',
  'PUBLIC_SECURITY',
] as const;

/**
 * A petition's statutory clock in plain words: "the office must decide whether to take it on within
 * 12 days (by 13 Dec)", "must answer within…", "3 days past the legal deadline". `deciding`: the
 * clock is the acceptance decision's (a RECEIVED petition), otherwise the reply's. `now` is passed so
 * that the words are tested without a clock.
 */
export function clockWords(
  lang: Lang,
  dueAt: string | null | undefined,
  overdue: boolean,
  deciding: boolean,
  now: Date = new Date(),
): string {
  if (!dueAt) return '';
  const due = new Date(dueAt);
  const date = due.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { month: 'short', day: 'numeric', timeZone: 'Asia/Shanghai' });
  const days = Math.ceil((due.getTime() - now.getTime()) / 86_400_000);
  const task =
    lang === 'zh' ? (deciding ? '决定是否受理' : '书面答复') : deciding ? 'decide whether to take it on' : 'give its written answer';
  if (overdue || days < 0) {
    const late = Math.max(1, -days);
    return lang === 'zh'
      ? `已超过${task}的法定期限 ${late} 天（应于${date}前）`
      : `${late} day${late === 1 ? '' : 's'} past the legal deadline to ${task} (${date})`;
  }
  if (days === 0) return lang === 'zh' ? `今天（${date}）是${task}的最后期限` : `the office must ${task} today (${date})`;
  return lang === 'zh'
    ? `信访部门须在 ${days} 天内（${date}前）${task}`
    : `the office must ${task} within ${days} day${days === 1 ? '' : 's'} (by ${date})`;
}
