// The console's words in Chinese (the default) and English.
import { SHARED_VALUES, phrase, translator, when as moment, type Lang, type Phrases } from '../../shared/i18n';

export type { Lang };

const WORDS = {
  title: { zh: '两邻 · 城市运行管理平台', en: 'Liangling · City operations console' },
  switchLang: { zh: 'English', en: '中文' },
  signedInAs: { zh: '登录身份', en: 'Signed in as' },
  map: { zh: '网格地图', en: 'Grid map' },
  alerts: { zh: '实时预警', en: 'Live alerts' },
  supervision: { zh: '监督考核', en: 'Supervision' },
  workbench: { zh: '网格员工作台', en: 'Grid worker’s workbench' },
  population: { zh: '人口', en: 'Population' },
  requests: { zh: '报修', en: 'Repairs' },
  petitions: { zh: '信访', en: 'Petitions' },
  enforcement: { zh: '执法案件', en: 'Cases' },
  openAlerts: { zh: '未处置预警', en: 'Open alerts' },
  protectedCell: { zh: '受保护', en: 'protected' },
  approx: { zh: '约', en: '≈' },
  exactFigures: { zh: '精确数据（您的辖区）', en: 'Exact figures (your area)' },
  protectedFigures: { zh: '受保护数据：小数不显示，其余取整加噪', en: 'Protected figures: small counts withheld, the rest rounded with noise' },
  drillHint: { zh: '点击区域下钻', en: 'Click an area to drill down' },
  up: { zh: '返回上一级', en: 'Up one level' },
  live: { zh: '实时连接中', en: 'Live' },
  offline: { zh: '连接中断，正在重连', en: 'Disconnected, reconnecting' },
  acknowledge: { zh: '接警', en: 'Acknowledge' },
  resolve: { zh: '办结', en: 'Resolve' },
  resolution: { zh: '处置情况', en: 'What was done' },
  noAlerts: { zh: '暂无预警', en: 'No alerts' },
  period: { zh: '考核期', en: 'Period' },
  from: { zh: '起', en: 'From' },
  to: { zh: '止', en: 'To' },
  apply: { zh: '查询', en: 'Show' },
  department: { zh: '部门', en: 'Department' },
  handled: { zh: '办理报修', en: 'Repairs handled' },
  responseHours: { zh: '响应中位数(小时)', en: 'Median response (h)' },
  onTime: { zh: '按时率', en: 'On time' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  petitionsReceived: { zh: '信访件', en: 'Petitions' },
  petitionOnTime: { zh: '信访按时率', en: 'Petitions on time' },
  alertsRaised: { zh: '预警', en: 'Alerts' },
  ackMinutes: { zh: '接警中位数(分钟)', en: 'Median to acknowledge (min)' },
  casesClosed: { zh: '结案', en: 'Cases closed' },
  chartOf: { zh: '图表', en: 'Chart' },
  residents: { zh: '我的网格居民', en: 'Residents of my grid' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '电话', en: 'Phone' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  home: { zh: '住址', en: 'Home' },
  care: { zh: '关爱对象', en: 'Care' },
  elderlyAlone: { zh: '独居老人', en: 'Elderly, alone' },
  openRequests: { zh: '网格内待办报修', en: 'Open repair requests in my grid' },
  status: { zh: '状态', en: 'Status' },
  due: { zh: '时限', en: 'Due' },
  notForRole: { zh: '此视图不适用于当前身份', en: 'This view is not for your role' },
  none: { zh: '暂无', en: 'None' },
  error: { zh: '加载失败', en: 'Could not load' },
} as const;

export type Word = keyof typeof WORDS;

export const t: (lang: Lang, word: Word) => string = translator(WORDS);

const VALUES: Phrases = {
  ...SHARED_VALUES,
  FIRE: { zh: '火情', en: 'Fire' },
  GAS_LEAK: { zh: '燃气泄漏', en: 'Gas leak' },
  WATER_LEAK: { zh: '漏水', en: 'Water leak' },
  ELEVATOR_TRAPPED: { zh: '电梯困人', en: 'Trapped in a lift' },
  ELDERLY_INACTIVITY: { zh: '独居老人异常', en: 'Elderly person inactive' },
  REPEATED_COMPLAINTS: { zh: '重复投诉', en: 'Repeated complaints' },
  PETITION_SURGE: { zh: '信访激增', en: 'Petition surge' },
  DEVICE_OFFLINE: { zh: '设备离线', en: 'Device offline' },
  LOW: { zh: '低', en: 'Low' },
  MEDIUM: { zh: '中', en: 'Medium' },
  HIGH: { zh: '高', en: 'High' },
  CRITICAL: { zh: '紧急', en: 'Critical' },
  OPEN: { zh: '待接警', en: 'Open' },
  ACKNOWLEDGED: { zh: '处置中', en: 'Acknowledged' },
  RESOLVED: { zh: '已办结', en: 'Resolved' },
  'grid-worker': { zh: '网格员（多福社区第一网格）', en: 'Grid worker (Duofu grid 1)' },
  emergency: { zh: '应急管理局值班员', en: 'Emergency duty officer' },
  supervisor: { zh: '监督考核办公室', en: 'Supervision office' },
};

export function valueName(lang: Lang, value: string): string {
  return phrase(VALUES, lang, value);
}

export function when(iso: string | null | undefined, lang: Lang): string {
  return moment(iso, lang, 'short');
}
