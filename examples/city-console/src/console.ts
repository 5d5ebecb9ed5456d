// The city operations console (城市运行管理平台) for staff, on the government SDK only: the city on one
// map with every department's figures as the caller's clearance shows them, drilled down from the
// city to a grid; the live alert feed (a subscription through the gateway) with acknowledge and
// resolve; every department's performance for a period; and a grid worker's workbench.
import {
  AcknowledgeAlertDocument,
  AlertRaisedDocument,
  BadInputError,
  ConsoleAlertsDocument,
  ConsoleRegionDocument,
  ResolveAlertDocument,
  SupervisionDocument,
  RecordCareVisitOutcomeDocument,
  WorkbenchDocument,
  createClient,
  type ConsoleAlertsQuery,
  type ConsoleRegionQuery,
  type LianglingClient,
  type SupervisionQuery,
  type WorkbenchQuery,
} from '@liangling/sdk/government';
import { fit, pathOf, type Ring } from '../../shared/map';
import { t, valueName, when, type Lang, type Word } from './i18n';
import { esc } from '../../shared/html';

/** Who the console is signed in as, and what that person's token may do. */
export interface ConsoleProfile {
  /** A profile name (`grid-worker`, `emergency`, `supervisor`). */
  readonly name: string;
  /** Declared with every request. */
  readonly purpose: string;
  /** The grid of a grid worker: their workbench. */
  readonly grid?: string;
}

export interface ConsoleHost {
  readonly endpoint?: string;
  readonly profile: ConsoleProfile;
  readonly profiles: readonly string[];
  readonly tokenProvider: () => Promise<string>;
  /** Signs in as another profile (development: reloads with `?as=`). */
  readonly switchProfile: (name: string) => void;
}

type Region = NonNullable<ConsoleRegionQuery['region']>;
type Child = Region['children'][number];
type Alert = NonNullable<NonNullable<ConsoleAlertsQuery['region']>['alerts']>[number];
type Department = SupervisionQuery['departments'][number];
type View = 'map' | 'alerts' | 'supervision' | 'workbench';

const CITY = 'r-2101';
const VIEWS: readonly View[] = ['map', 'alerts', 'supervision', 'workbench'];
const MAP_WIDTH = 600;
const MAP_HEIGHT = 420;

/** A protected figure as the caller may see it: exact, approximate (rounded, noised), withheld, or not theirs. */
function cell(
  lang: Lang,
  figure: { value?: number | null; total?: number | null; suppressed?: boolean; totalSuppressed?: boolean } | null | undefined,
  exact: boolean,
): string {
  if (!figure) return '<span class="muted">—</span>';
  const value = figure.value ?? figure.total;
  if (figure.suppressed === true && value == null)
    return `<span class="protected" title="${esc(t(lang, 'protectedFigures'))}">${esc(t(lang, 'protectedCell'))}</span>`;
  if (figure.totalSuppressed === true || value == null)
    return `<span class="protected" title="${esc(t(lang, 'protectedFigures'))}">${esc(t(lang, 'protectedCell'))}</span>`;
  return exact ? String(value) : `<span title="${esc(t(lang, 'protectedFigures'))}">${esc(t(lang, 'approx'))}${value}</span>`;
}

const SEVERITY_COLOURS: Readonly<Record<string, string>> = { LOW: '#64748b', MEDIUM: '#ca8a04', HIGH: '#ea580c', CRITICAL: '#dc2626' };

export function startConsole(root: HTMLElement, host: ConsoleHost): void {
  const client: LianglingClient = createClient({
    url: new URL(host.endpoint ?? 'graphql', document.baseURI).toString(),
    getToken: host.tokenProvider,
    purpose: host.profile.purpose,
  });
  let lang: Lang = localStorage.getItem('liangling-console-lang') === 'en' ? 'en' : 'zh';
  let view: View = (VIEWS as readonly string[]).includes(location.hash.slice(1)) ? (location.hash.slice(1) as View) : 'map';
  const state: {
    regionId: string;
    region?: Region | null;
    alerts: Alert[];
    live: boolean;
    departments?: Department[];
    sortBy: keyof typeof METRICS;
    descending: boolean;
    period: { from: string; to: string };
    workbench?: WorkbenchQuery;
    errors: Partial<Record<string, string>>;
  } = {
    regionId: CITY,
    alerts: [],
    live: false,
    sortBy: 'handled',
    descending: true,
    period: {
      from: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10),
      to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    },
    errors: {},
  };
  const w = (word: Word) => esc(t(lang, word));
  const failure = (part: string) => (state.errors[part] ? `<p class="error">${w('error')}: ${esc(state.errors[part])}</p>` : '');

  const METRICS = {
    handled: { word: 'handled', value: (d: Department) => d.requestPerformance?.handled ?? null, format: (v: number) => String(v) },
    responseHours: {
      word: 'responseHours',
      value: (d: Department) => d.requestPerformance?.medianResponseHours ?? null,
      format: (v: number) => v.toFixed(1),
    },
    onTime: {
      word: 'onTime',
      value: (d: Department) => d.requestPerformance?.onTimeRate ?? null,
      format: (v: number) => `${Math.round(v * 100)}%`,
    },
    satisfaction: {
      word: 'satisfaction',
      value: (d: Department) => d.requestPerformance?.satisfaction ?? null,
      format: (v: number) => v.toFixed(2),
    },
    petitionsReceived: {
      word: 'petitionsReceived',
      value: (d: Department) => d.petitionPerformance?.received.value ?? null,
      format: (v: number) => String(v),
    },
    petitionOnTime: {
      word: 'petitionOnTime',
      value: (d: Department) => d.petitionPerformance?.onTimeRate ?? null,
      format: (v: number) => `${Math.round(v * 100)}%`,
    },
    alertsRaised: { word: 'alertsRaised', value: (d: Department) => d.alertPerformance?.raised ?? null, format: (v: number) => String(v) },
    ackMinutes: {
      word: 'ackMinutes',
      value: (d: Department) => d.alertPerformance?.medianMinutesToAcknowledge ?? null,
      format: (v: number) => v.toFixed(0),
    },
    casesClosed: {
      word: 'casesClosed',
      value: (d: Department) => d.enforcementPerformance?.casesClosed ?? null,
      format: (v: number) => String(v),
    },
  } satisfies Record<string, { word: Word; value: (d: Department) => number | null; format: (v: number) => string }>;

  function mapView(): string {
    const region = state.region;
    if (!region) return `${failure('map')}<p class="muted">…</p>`;
    const children = region.children;
    const rings: Ring[] = children.length ? children.flatMap((child) => child.polygon.coordinates) : region.polygon.coordinates;
    const projection = fit(rings, MAP_WIDTH, MAP_HEIGHT, 12);
    const figure = (child: Child) => {
      const exact = child.stats?.exact ?? false;
      return {
        population: cell(lang, child.stats?.population, exact),
        requests: cell(lang, child.requestStats, exact),
        petitions: cell(lang, child.petitionStats.received, exact),
        enforcement: cell(lang, child.enforcementStats, exact),
        alerts: child.alerts ? String(child.alerts.length) : '<span class="muted">—</span>',
      };
    };
    const shapes = children
      .map((child) => {
        const centre = projection.point(child.centroid);
        const open = child.alerts?.length ?? 0;
        return `<g class="area" data-region="${esc(child.id)}" ${child.level !== 'GRID' ? 'data-drill tabindex="0" role="button"' : ''}>
          <path d="${pathOf(projection, child.polygon.coordinates)}" class="${open > 0 ? 'alerting' : ''}"><title>${esc(child.name)}</title></path>
          <text x="${centre.x.toFixed(1)}" y="${centre.y.toFixed(1)}" text-anchor="middle" class="label">${esc(child.name)}</text>
          ${open > 0 ? `<circle data-alert-marker cx="${centre.x.toFixed(1)}" cy="${(centre.y + 14).toFixed(1)}" r="8" fill="#dc2626"></circle><text x="${centre.x.toFixed(1)}" y="${(centre.y + 18).toFixed(1)}" text-anchor="middle" class="count">${open}</text>` : ''}
        </g>`;
      })
      .join('');
    const rows = children
      .map((child) => {
        const f = figure(child);
        return `<tr data-row="${esc(child.id)}"><th scope="row">${child.level !== 'GRID' ? `<button type="button" class="link" data-drill-to="${esc(child.id)}">${esc(child.name)}</button>` : esc(child.name)}</th><td>${f.population}</td><td>${f.requests}</td><td>${f.petitions}</td><td>${f.enforcement}</td><td>${f.alerts}</td></tr>`;
      })
      .join('');
    const exact = children.some((child) => child.stats?.exact);
    return `${failure('map')}
      <div class="crumbs"><strong>${esc(region.name)}</strong> <span class="muted">${esc(valueName(lang, region.level))}</span>
        ${region.parent ? `<button type="button" data-drill-to="${esc(region.parent.id)}">↑ ${w('up')}: ${esc(region.parent.name)}</button>` : ''}</div>
      <div class="split"><figure><svg viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${esc(region.name)}" data-map>${shapes}</svg>
        <figcaption class="muted">${w('drillHint')} · ${w(exact ? 'exactFigures' : 'protectedFigures')}</figcaption></figure>
      <div class="table-wrap"><table class="figures"><thead><tr><th></th><th>${w('population')}</th><th>${w('requests')}</th><th>${w('petitions')}</th><th>${w('enforcement')}</th><th>${w('openAlerts')}</th></tr></thead><tbody>${rows}</tbody></table></div></div>`;
  }

  function alertItem(alert: Alert): string {
    return `<li data-alert="${esc(alert.id)}" data-status="${esc(alert.status)}">
      <span class="sev" style="background:${SEVERITY_COLOURS[alert.severity] ?? '#64748b'}">${esc(valueName(lang, alert.severity))}</span>
      <strong>${esc(valueName(lang, alert.kind))}</strong> · ${esc(alert.place?.region.name ?? '')}${alert.place?.building ? ` · ${esc(alert.place.building.name)}` : ''}
      <span class="status">${esc(valueName(lang, alert.status))}</span>
      <div class="muted">${esc(when(alert.raisedAt, lang))} · ${esc(valueName(lang, alert.department))}${alert.evidence ? ` · ${esc(alert.evidence)}` : ''}</div>
      ${alert.status === 'OPEN' ? `<button type="button" data-ack="${esc(alert.id)}">${w('acknowledge')}</button>` : ''}
      ${alert.status === 'ACKNOWLEDGED' ? `<form class="resolve" data-resolve="${esc(alert.id)}" novalidate><input name="resolution" maxlength="600" placeholder="${w('resolution')}"><button type="submit">${w('resolve')}</button><span class="field-error" data-error-for="${esc(alert.id)}"></span></form>` : ''}
      <span class="field-error" data-error-for="${esc(alert.id)}.ack"></span></li>`;
  }

  function alertsView(): string {
    return `${failure('alerts')}<p class="live ${state.live ? 'on' : ''}" data-live="${state.live}">● ${w(state.live ? 'live' : 'offline')}</p>
      ${state.alerts.length ? `<ul class="alerts">${state.alerts.map(alertItem).join('')}</ul>` : `<p class="muted">${w('noAlerts')}</p>`}`;
  }

  function supervisionView(): string {
    const rows = [...(state.departments ?? [])];
    const metric = METRICS[state.sortBy];
    rows.sort((a, b) => {
      const [x, y] = [metric.value(a), metric.value(b)];
      if (x === y) return a.code.localeCompare(b.code);
      if (x === null) return 1;
      if (y === null) return -1;
      return state.descending ? y - x : x - y;
    });
    const keys = Object.keys(METRICS) as (keyof typeof METRICS)[];
    const head = keys
      .map(
        (key) =>
          `<th><button type="button" class="link" data-sort="${key}">${w(METRICS[key].word)}${key === state.sortBy ? (state.descending ? ' ▼' : ' ▲') : ''}</button></th>`,
      )
      .join('');
    const body = rows
      .map(
        (department) =>
          `<tr data-department="${esc(department.code)}"><th scope="row">${esc(valueName(lang, department.code))}</th>${keys
            .map((key) => {
              const value = METRICS[key].value(department);
              return `<td>${value === null ? '<span class="muted">—</span>' : esc(METRICS[key].format(value))}</td>`;
            })
            .join('')}</tr>`,
      )
      .join('');
    const values = rows.map((department) => metric.value(department));
    const max = Math.max(1e-9, ...values.map((value) => value ?? 0));
    const barHeight = 22;
    const chart = `<svg viewBox="0 0 600 ${rows.length * barHeight + 8}" role="img" aria-label="${w(metric.word)}" data-chart>${rows
      .map((department, index) => {
        const value = values[index] ?? null;
        const width = value === null ? 0 : (value / max) * 380;
        return `<text x="0" y="${index * barHeight + 16}" class="label">${esc(valueName(lang, department.code))}</text><rect x="180" y="${index * barHeight + 4}" width="${width.toFixed(1)}" height="${barHeight - 8}" fill="#2563eb"></rect><text x="${(186 + width).toFixed(1)}" y="${index * barHeight + 16}" class="label">${value === null ? '—' : esc(metric.format(value))}</text>`;
      })
      .join('')}</svg>`;
    return `${failure('supervision')}<form id="period" class="period"><label>${w('from')} <input type="date" name="from" value="${esc(state.period.from)}"></label><label>${w('to')} <input type="date" name="to" value="${esc(state.period.to)}"></label><button type="submit">${w('apply')}</button><span class="field-error" data-error-for="period"></span></form>
      ${state.departments ? `<div class="table-wrap"><table class="figures sortable"><thead><tr><th>${w('department')}</th>${head}</tr></thead><tbody>${body}</tbody></table></div><h3>${w('chartOf')}: ${w(metric.word)}</h3>${chart}` : '<p class="muted">…</p>'}`;
  }

  function workbenchView(): string {
    if (!host.profile.grid) return `<p class="muted">${w('notForRole')}</p>`;
    const data = state.workbench;
    if (!data) return `${failure('workbench')}<p class="muted">…</p>`;
    const residents = data.residents?.edges.map((edge) => edge.node) ?? [];
    const requests = (data.repairRequests?.edges.map((edge) => edge.node) ?? []).filter(
      (request) => request.status !== 'CLOSED' && request.status !== 'RESOLVED',
    );
    const visits = (data.myCareVisits ?? []).filter((visit) => visit.status === 'PLANNED');
    return `${failure('workbench')}<h3>${w('residents')}</h3><div class="table-wrap"><table class="figures"><thead><tr><th>${w('name')}</th><th>${w('phone')}</th><th>${w('idNumber')}</th><th>${w('home')}</th><th>${w('care')}</th></tr></thead><tbody>${residents
      .map(
        (resident) =>
          `<tr data-resident="${esc(resident.id)}"><td>${esc(resident.name ?? '—')}</td><td>${esc(resident.phone ?? '—')}</td><td>${esc(resident.idNumber ?? '—')}</td><td>${esc(resident.household?.building?.name ?? '')} ${esc(resident.household ? `${resident.household.unit}-${resident.household.room}` : '')}</td><td>${resident.elderly && resident.livesAlone ? w('elderlyAlone') : resident.elderly === null ? '<span class="muted">—</span>' : ''}</td></tr>`,
      )
      .join('')}</tbody></table></div>
      <h3>${w('careVisits')}</h3>${
        visits.length
          ? `<ul class="visits">${visits
              .map(
                (
                  visit,
                ) => `<li data-care-visit="${esc(visit.id)}"><span class="status">${esc(valueName(lang, visit.source))}</span> ${esc(visit.reason ?? '')} <span class="muted">${w('visitWindow')} ${esc(when(visit.windowStart, lang))} – ${esc(when(visit.windowEnd, lang))}</span>
        <form data-visit="${esc(visit.id)}"><label>${w('outcome')} <textarea name="outcome" rows="2" maxlength="500"></textarea></label><button type="submit">${w('recordOutcome')}</button><p class="error" data-error-for="${esc(visit.id)}"></p></form></li>`,
              )
              .join('')}</ul>`
          : `<p class="muted">${w('none')}</p>`
      }
      <h3>${w('openRequests')}</h3>${requests.length ? `<ul>${requests.map((request) => `<li data-open-request="${esc(request.id)}"><span class="status">${esc(valueName(lang, request.status))}</span> ${esc(valueName(lang, request.category))} · ${esc(request.description ?? '')} <span class="muted">${w('due')} ${esc(when(request.slaDueAt, lang))}${request.overdue ? ' ⚠' : ''}</span></li>`).join('')}</ul>` : `<p class="muted">${w('none')}</p>`}`;
  }

  function render(): void {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    const body =
      view === 'map' ? mapView() : view === 'alerts' ? alertsView() : view === 'supervision' ? supervisionView() : workbenchView();
    root.innerHTML = `<header><h1>${w('title')}</h1>
        <label class="who">${w('signedInAs')} <select id="profile">${host.profiles.map((name) => `<option value="${esc(name)}" ${name === host.profile.name ? 'selected' : ''}>${esc(valueName(lang, name))}</option>`).join('')}</select></label>
        <button type="button" id="lang">${w('switchLang')}</button></header>
      <nav>${VIEWS.map((each) => `<a href="#${each}" data-view="${each}" class="${each === view ? 'active' : ''}">${w(each)}${each === 'alerts' && state.alerts.some((alert) => alert.status === 'OPEN') ? ` <span class="badge">${state.alerts.filter((alert) => alert.status === 'OPEN').length}</span>` : ''}</a>`).join('')}</nav>
      <section id="view" data-view="${view}">${body}</section>`;
    root.dataset['view'] = view;
  }

  const record = (part: string) => (error: unknown) => {
    state.errors[part] = error instanceof Error ? error.message : String(error);
    render();
  };
  const loadRegion = async (id: string) => {
    state.regionId = id;
    const { region } = await client.request(ConsoleRegionDocument, { id });
    state.region = region;
    delete state.errors['map'];
    render();
    root.dataset['ready'] = 'true';
  };
  const loadAlerts = async () => {
    const { region } = await client.request(ConsoleAlertsDocument, { regionId: CITY, first: 20 });
    const known = new Set(state.alerts.map((alert) => alert.id));
    state.alerts = [...state.alerts, ...(region?.alerts ?? []).filter((alert) => !known.has(alert.id))];
    render();
  };
  const loadSupervision = async () => {
    const { departments } = await client.request(SupervisionDocument, {
      period: { from: new Date(state.period.from).toISOString(), to: new Date(state.period.to).toISOString() },
    });
    state.departments = [...departments];
    delete state.errors['supervision'];
    render();
  };
  const loadWorkbench = async () => {
    if (!host.profile.grid) return;
    state.workbench = await client.request(WorkbenchDocument, { regionId: host.profile.grid, first: 50 });
    render();
  };

  /** The live feed: a subscription through the gateway, opened again after any break. */
  const follow = async () => {
    for (;;) {
      const subscription = client.subscribe(AlertRaisedDocument, { regionId: CITY });
      try {
        await subscription.ready;
        state.live = true;
        render();
        for await (const { data } of subscription) {
          const alert = data?.alertRaised;
          if (!alert) continue;
          state.alerts = [alert, ...state.alerts.filter((each) => each.id !== alert.id)];
          render();
        }
      } catch (error) {
        // A refusal is final (this caller may not follow alerts); a break is retried.
        if (error instanceof Error && 'code' in error && (error as { code: string }).code !== 'NETWORK_ERROR') {
          state.live = false;
          return record('alerts')(error);
        }
      }
      state.live = false;
      render();
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };

  const showError = (slot: string, error: unknown) => {
    const target = root.querySelector(`[data-error-for="${slot}"]`);
    if (target) target.textContent = error instanceof Error ? error.message : String(error);
  };

  root.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    const drill = target.closest<HTMLElement>('[data-drill-to], [data-drill]');
    if (drill) {
      const id = drill.dataset['drillTo'] ?? drill.dataset['region'];
      if (id) void loadRegion(id).catch(record('map'));
      return;
    }
    const ack = target.closest<HTMLButtonElement>('[data-ack]');
    if (ack?.dataset['ack']) {
      const id = ack.dataset['ack'];
      ack.disabled = true;
      client
        .request(AcknowledgeAlertDocument, { id })
        .then(({ acknowledgeAlert }) => {
          state.alerts = state.alerts.map((alert) => (alert.id === id ? { ...alert, status: acknowledgeAlert.status } : alert));
          render();
        })
        .catch((error: unknown) => {
          ack.disabled = false;
          showError(`${id}.ack`, error);
        });
      return;
    }
    const sort = target.closest<HTMLButtonElement>('[data-sort]');
    if (sort?.dataset['sort']) {
      const key = sort.dataset['sort'] as keyof typeof METRICS;
      state.descending = key === state.sortBy ? !state.descending : true;
      state.sortBy = key;
      render();
      return;
    }
    if (target.id === 'lang') {
      lang = lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('liangling-console-lang', lang);
      render();
    }
  });
  root.addEventListener('change', (event) => {
    const target = event.target as HTMLSelectElement;
    if (target.id === 'profile') host.switchProfile(target.value);
  });
  root.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fields = new FormData(form);
    if (form.dataset['resolve']) {
      const id = form.dataset['resolve'];
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      client
        .request(ResolveAlertDocument, { id, resolution: String(fields.get('resolution') ?? '') })
        .then(({ resolveAlert }) => {
          state.alerts = state.alerts.map((alert) => (alert.id === id ? { ...alert, status: resolveAlert.status } : alert));
          render();
        })
        .catch((error: unknown) => {
          if (button) button.disabled = false;
          showError(id, error instanceof BadInputError ? error : error);
        });
    } else if (form.dataset['visit']) {
      const id = form.dataset['visit'];
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      client
        .request(RecordCareVisitOutcomeDocument, { id, outcome: String(fields.get('outcome') ?? '') })
        .then(() => loadWorkbench())
        .catch((error: unknown) => {
          if (button) button.disabled = false;
          showError(id, error);
        });
    } else if (form.id === 'period') {
      state.period = { from: String(fields.get('from')), to: String(fields.get('to')) };
      loadSupervision().catch((error: unknown) => showError('period', error));
    }
  });
  window.addEventListener('hashchange', () => {
    const next = location.hash.slice(1);
    if ((VIEWS as readonly string[]).includes(next)) {
      view = next as View;
      render();
    }
  });

  render();
  void loadRegion(CITY).catch(record('map'));
  void loadAlerts().catch(record('alerts'));
  void loadSupervision().catch(record('supervision'));
  void loadWorkbench().catch(record('workbench'));
  void follow();
}
