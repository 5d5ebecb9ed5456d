// The resident's page, as the government-service app (政务服务APP) embeds it: one-click repair, my
// petitions, my community's opinions, who accessed my data, and the neighbour-services element.
// The host gives the token; in development the example's server hands one out at /dev-token.
import {
  MyAccessLogDocument,
  MyHomeDocument,
  MyPetitionsDocument,
  MyRepairRequestsDocument,
  OpinionsDocument,
  RateRepairRequestDocument,
  SubmitRepairRequestDocument,
  SupportOpinionDocument,
  createClient,
  type LianglingClient,
} from '@liangling/sdk/government';
import { REPAIR_CATEGORIES, t, valueName, type Lang, type Word } from './i18n';

/** What the host page provides. */
export interface AppHost {
  /** The gateway's GraphQL endpoint. @default '/graphql' */
  readonly endpoint?: string;
  /** Resolves with the signed-in resident's token. */
  readonly tokenProvider: () => Promise<string>;
}

function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function when(iso: string | null | undefined, lang: Lang): string {
  return iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' }) : '';
}

/** Starts the page in `root`. */
export function startApp(root: HTMLElement, host: AppHost): void {
  const client: LianglingClient = createClient({ url: new URL(host.endpoint ?? '/graphql', document.baseURI).toString(), getToken: host.tokenProvider, purpose: 'resident-self-service' });
  let lang: Lang = (localStorage.getItem('liangling-lang') as Lang | null) ?? 'zh';

  const section = (id: string, title: Word) => `<section id="${id}"><h2 data-word="${title}">${esc(t(lang, title))}</h2><div class="content">…</div></section>`;
  root.innerHTML = `
    <header><h1 data-word="title">${esc(t(lang, 'title'))}</h1>
      <span id="who"></span>
      <button id="lang" type="button">${lang === 'zh' ? 'English' : '中文'}</button></header>
    <section id="services"><liangling-neighbour-services endpoint="${esc(host.endpoint ?? '/graphql')}" lang="${lang}"></liangling-neighbour-services></section>
    <section id="repair"><h2 data-word="repair">${esc(t(lang, 'repair'))}</h2>
      <form id="repair-form">
        <select name="category">${REPAIR_CATEGORIES.map((category) => `<option value="${category}">${esc(valueName(lang, category))}</option>`).join('')}</select>
        <input name="description" required maxlength="500" data-placeholder="description" placeholder="${esc(t(lang, 'description'))}">
        <input name="phone" required pattern="1[3-9][0-9]{9}" data-placeholder="phone" placeholder="${esc(t(lang, 'phone'))}">
        <button type="submit" data-word="submit">${esc(t(lang, 'submit'))}</button>
      </form>
      <h3 data-word="myRequests">${esc(t(lang, 'myRequests'))}</h3><div class="content" id="requests">…</div></section>
    ${section('petitions', 'petitions')}
    ${section('opinions', 'opinions')}
    ${section('access', 'accessLog')}`;

  // The neighbour-services view is the embeddable element, given a token provider like any host would.
  const element = root.querySelector('liangling-neighbour-services');
  if (element) element.tokenProvider = host.tokenProvider;

  const show = (id: string, html: string) => {
    const target = id === 'requests' ? root.querySelector<HTMLElement>('#requests') : root.querySelector<HTMLElement>(`#${id} .content`);
    if (target) target.innerHTML = html;
  };
  const failed = (id: string) => (error: unknown) => show(id, `<p class="error">${esc(t(lang, 'error'))}: ${esc(error instanceof Error ? error.message : String(error))}</p>`);
  const none = () => `<p class="meta">${esc(t(lang, 'none'))}</p>`;
  let communityId: string | undefined;

  async function loadHome() {
    const { me } = await client.request(MyHomeDocument);
    communityId = me?.household?.building?.grid?.parent?.id;
    const who = root.querySelector('#who');
    if (who) who.textContent = `${t(lang, 'signedInAs')}: ${me?.name ?? me?.id ?? ''} · ${me?.household?.building?.grid?.parent?.name ?? ''}`;
  }

  async function loadRequests() {
    const { me } = await client.request(MyRepairRequestsDocument);
    const rows = me?.repairRequests ?? [];
    show(
      'requests',
      rows.length
        ? `<ul>${rows
            .map((request) => `<li data-request="${esc(request.id)}"><span class="status">${esc(valueName(lang, request.status))}</span> ${esc(valueName(lang, request.category))} · ${esc(request.description)} <span class="meta">${esc(when(request.createdAt, lang))}</span>${
              request.rating
                ? ` <span class="meta">${'★'.repeat(request.rating)}</span>`
                : request.status === 'RESOLVED' || request.status === 'CLOSED'
                  ? ` <span class="rate">${esc(t(lang, 'rate'))} ${[1, 2, 3, 4, 5].map((stars) => `<button type="button" data-rate="${esc(request.id)}" data-stars="${stars}">${stars}★</button>`).join('')}</span>`
                  : ''
            }</li>`)
            .join('')}</ul>`
        : none(),
    );
  }

  async function loadPetitions() {
    const { me } = await client.request(MyPetitionsDocument);
    const rows = me?.petitions ?? [];
    show(
      'petitions',
      rows.length
        ? `<ul>${rows
            .map(
              (petition) =>
                `<li data-petition="${esc(petition.id)}"><span class="status">${esc(valueName(lang, petition.status))}</span> ${esc(petition.subject)} <span class="meta">${esc(t(lang, 'due'))} ${esc(when(petition.dueAt, lang))}</span>${petition.reply ? `<div class="meta">↳ ${esc(petition.reply)}</div>` : ''}</li>`,
            )
            .join('')}</ul>`
        : none(),
    );
  }

  async function loadOpinions() {
    if (!communityId) return show('opinions', none());
    const { opinions } = await client.request(OpinionsDocument, { regionId: communityId, orderBy: 'SUPPORT', first: 5 });
    const rows = opinions.edges.map((edge) => edge.node);
    show(
      'opinions',
      rows.length
        ? `<ul>${rows
            .map(
              (opinion) =>
                `<li data-opinion="${esc(opinion.id)}"><strong>${esc(opinion.topic)}</strong> · <span class="count">${opinion.supportCount}</span> ${esc(t(lang, 'supporters'))}
                 <button type="button" data-support="${esc(opinion.id)}" ${opinion.supportedByMe ? 'disabled' : ''}>${esc(t(lang, opinion.supportedByMe ? 'supported' : 'support'))}</button>
                 <div class="meta">${esc(opinion.content)}</div>${opinion.reply ? `<div class="meta">↳ ${esc(opinion.reply)}</div>` : ''}</li>`,
            )
            .join('')}</ul>`
        : none(),
    );
  }

  async function loadAccessLog() {
    const { me } = await client.request(MyAccessLogDocument, { first: 50 });
    // The resident's own reads (this page) are in the log too; the question is who else looked.
    const rows = (me?.accessLog?.edges.map((edge) => edge.node) ?? []).filter((row) => row.actorRole !== 'resident').slice(0, 10);
    show(
      'access',
      rows.length
        ? `<table><thead><tr><th>${esc(t(lang, 'when'))}</th><th>${esc(t(lang, 'who'))}</th><th>${esc(t(lang, 'what'))}</th><th>${esc(t(lang, 'why'))}</th></tr></thead><tbody>${rows
            .map(
              (row) =>
                `<tr data-access><td>${esc(when(row.at, lang))}</td><td>${esc(valueName(lang, row.actorRole))}${row.actorDepartment ? ` · ${esc(row.actorDepartment)}` : ''}</td><td>${esc(row.typeName)} (${esc(row.subgraph)})</td><td>${esc(row.purpose ?? '—')}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : none(),
    );
  }

  const loadAll = async () => {
    await loadHome().catch(failed('who'));
    await Promise.all([loadRequests().catch(failed('requests')), loadPetitions().catch(failed('petitions')), loadOpinions().catch(failed('opinions')), loadAccessLog().catch(failed('access'))]);
    root.dataset['ready'] = 'true';
  };

  root.querySelector<HTMLFormElement>('#repair-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const input = {
      category: String(form.get('category')) as (typeof REPAIR_CATEGORIES)[number],
      description: String(form.get('description')),
      contactPhone: String(form.get('phone')),
      // The idempotency key makes the submission safe to retry: the SDK does, on a flaky network.
      clientKey: `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    };
    client
      .request(SubmitRepairRequestDocument, { input })
      .then(() => {
        (event.target as HTMLFormElement).reset();
        return loadRequests();
      })
      .catch(failed('requests'));
  });

  root.addEventListener('click', (event) => {
    const rate = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-rate]');
    if (rate?.dataset['rate']) {
      client.request(RateRepairRequestDocument, { id: rate.dataset['rate'], rating: Number(rate.dataset['stars']) }).then(loadRequests).catch(failed('requests'));
    }
    const support = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-support]');
    if (support?.dataset['support']) {
      support.disabled = true;
      client.request(SupportOpinionDocument, { id: support.dataset['support'] }).then(loadOpinions).catch(failed('opinions'));
    }
  });

  root.querySelector('#lang')?.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('liangling-lang', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    root.querySelectorAll<HTMLElement>('[data-word]').forEach((node) => (node.textContent = t(lang, node.dataset['word'] as Word)));
    root.querySelectorAll<HTMLInputElement>('[data-placeholder]').forEach((node) => (node.placeholder = t(lang, node.dataset['placeholder'] as Word)));
    const button = root.querySelector('#lang');
    if (button) button.textContent = lang === 'zh' ? 'English' : '中文';
    element?.setAttribute('lang', lang);
    void loadAll();
  });

  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void loadAll();
}
