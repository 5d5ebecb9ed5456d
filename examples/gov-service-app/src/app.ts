// The resident's page, as the government-service app (政务服务APP) embeds it: neighbour services on a
// map (the embeddable element), one-click repair prefilled from the resident's own record, my
// petitions with their statutory clocks, my community's opinions, and who accessed my data. My repair
// requests follow their moves live, through a subscription.
// The host gives the token; in development the example's server hands one out at /dev-token.
import {
  BadInputError,
  MyAccessLogDocument,
  MyPetitionsClockDocument,
  MyRepairRequestChangedDocument,
  MyRepairTimelineDocument,
  OpinionsDocument,
  RateRepairRequestDocument,
  ResidentContactDocument,
  SubmitPetitionDocument,
  SubmitRepairRequestDocument,
  SupportOpinionDocument,
  createClient,
  type LianglingClient,
  type MyAccessLogQuery,
  type MyPetitionsClockQuery,
  type MyRepairTimelineQuery,
  type OpinionsQuery,
  type ResidentContactQuery,
} from '@liangling/sdk/government';
import {
  PETITION_DEPARTMENTS,
  REPAIR_CATEGORIES,
  actionName,
  appName,
  clockWords,
  purposeName,
  recordName,
  t,
  valueName,
  when,
  type Lang,
  type Word,
} from './i18n';
import { esc } from '../../shared/html';

/** What the host page provides. */
export interface AppHost {
  /** The gateway's GraphQL endpoint. @default '/graphql' */
  readonly endpoint?: string;
  /** Resolves with the signed-in resident's token. */
  readonly tokenProvider: () => Promise<string>;
}

type Me = NonNullable<ResidentContactQuery['me']>;
type Request = NonNullable<NonNullable<MyRepairTimelineQuery['me']>['repairRequests']>[number];
type Petition = NonNullable<NonNullable<MyPetitionsClockQuery['me']>['petitions']>[number];
type Opinion = OpinionsQuery['opinions']['edges'][number]['node'];
type Access = NonNullable<NonNullable<MyAccessLogQuery['me']>['accessLog']>['edges'][number]['node'];

/** A fresh idempotency key: kept for one form's submission until it succeeds, so a retry cannot file twice. */
function newClientKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Whether a value came back masked (the app shows a masked phone but never submits it). */
function isMasked(value: string | null | undefined): boolean {
  return !value || value.includes('*');
}

/** Starts the page in `root`. */
export function startApp(root: HTMLElement, host: AppHost): void {
  const endpoint = host.endpoint ?? '/graphql';
  const client: LianglingClient = createClient({
    url: new URL(endpoint, document.baseURI).toString(),
    getToken: host.tokenProvider,
    purpose: 'resident-self-service',
  });
  let lang: Lang = localStorage.getItem('liangling-lang') === 'en' ? 'en' : 'zh';
  const keys = { repair: newClientKey('repair'), petition: newClientKey('petition') };
  const data: { me?: Me | null; requests?: Request[]; petitions?: Petition[]; opinions?: Opinion[]; access?: Access[] } = {};
  const failures: Partial<Record<string, string>> = {};
  let live = false;

  const w = (word: Word) => esc(t(lang, word));
  root.innerHTML = `
    <header><h1 data-word="title"></h1><span id="who"></span><button id="lang" type="button"></button></header>
    <section id="services"><liangling-neighbour-services endpoint="${esc(endpoint)}" lang="${lang}"></liangling-neighbour-services></section>
    <div id="sections"></div>`;
  const element = root.querySelector('liangling-neighbour-services');
  // The element is given its token provider like any host would; it waits for it before any request.
  if (element) element.tokenProvider = host.tokenProvider;
  const sections = root.querySelector<HTMLElement>('#sections')!;

  const none = () => `<p class="meta">${w('none')}</p>`;
  const failure = (part: string) => (failures[part] ? `<p class="error">${w('error')}: ${esc(failures[part])}</p>` : '');
  const fieldError = (form: string, field: string) => `<span class="field-error" data-error-for="${form}.${field}" role="alert"></span>`;

  function repairSection(): string {
    const me = data.me;
    const household = me?.household;
    const where = household?.building ? `${household.building.address} ${household.unit}-${household.room}` : '…';
    const phone = me && !isMasked(me.phone) ? (me.phone ?? '') : '';
    return `<section id="repair"><h2>${w('repair')}</h2>
      <form id="repair-form" novalidate>
        <p class="where"><span class="meta">${w('repairAt')}:</span> <span id="repair-where">${esc(where)}</span></p>
        <label>${w('category')}<select name="category">${REPAIR_CATEGORIES.map((category) => `<option value="${category}">${esc(valueName(lang, category))}</option>`).join('')}</select></label>
        <label>${w('description')}<textarea name="description" rows="2" maxlength="600"></textarea>${fieldError('repair', 'description')}</label>
        <label>${w('phone')}<input name="phone" type="tel" inputmode="tel" value="${esc(phone)}" autocomplete="tel"><span class="meta">${w('phoneHint')}</span>${fieldError('repair', 'contactPhone')}</label>
        <button type="submit">${w('submit')}</button>${fieldError('repair', 'form')}
      </form>
      <h3>${w('myRequests')}${live ? ` <span class="meta" id="requests-live">● ${w('live')}</span>` : ''}</h3>${failure('requests')}<div id="requests">${data.requests ? (data.requests.length ? `<ul>${data.requests.map(requestItem).join('')}</ul>` : none()) : '…'}</div></section>`;
  }

  function requestItem(request: Request): string {
    const rateable = !request.rating && (request.status === 'RESOLVED' || request.status === 'CLOSED');
    const timeline = (request.timeline ?? [])
      .map(
        (step) =>
          `<li><span class="meta">${esc(when(step.at, lang))}</span> ${esc(actionName(lang, step.action))}${step.note ? ` <span class="meta">“${esc(step.note)}”</span>` : ''}</li>`,
      )
      .join('');
    return `<li data-request="${esc(request.id)}">
      <span class="status">${esc(valueName(lang, request.status))}</span> ${esc(valueName(lang, request.category))} · ${esc(request.description)}
      <div class="meta">${esc(when(request.createdAt, lang))}${request.status === 'RESOLVED' || request.status === 'CLOSED' ? '' : ` · ${w('dueBy')} ${esc(when(request.slaDueAt, lang))}${request.overdue ? ` · <strong class="error">${w('overdue')}</strong>` : ''}`}</div>
      ${request.rating ? `<div class="meta">${w('yourRating')}: <span class="stars">${'★'.repeat(request.rating)}</span>${request.feedback ? ` “${esc(request.feedback)}”` : ''}</div>` : ''}
      <details><summary>${w('timeline')}</summary><ol class="timeline">${timeline}</ol></details>
      ${
        rateable
          ? `<form class="rate" data-rate-form="${esc(request.id)}" novalidate><span>${w('rate')}</span>
              <span class="star-choice">${[1, 2, 3, 4, 5].map((stars) => `<label><input type="radio" name="rating" value="${stars}" ${stars === 5 ? 'checked' : ''}>${stars}★</label>`).join('')}</span>
              <input name="feedback" maxlength="600" placeholder="${w('feedback')}">${fieldError(`rate-${request.id}`, 'feedback')}
              <button type="submit">${w('send')}</button>${fieldError(`rate-${request.id}`, 'form')}</form>`
          : ''
      }</li>`;
  }

  function petitionsSection(): string {
    const rows = data.petitions;
    const list = rows
      ? rows.length
        ? `<ul>${rows
            .map((petition) => {
              const clock =
                petition.status === 'RECEIVED' ||
                petition.status === 'ACCEPTED' ||
                petition.status === 'HANDLING' ||
                petition.status === 'REVIEW_REQUESTED'
                  ? clockWords(lang, petition.dueAt, petition.overdue, petition.status === 'RECEIVED')
                  : '';
              return `<li data-petition="${esc(petition.id)}"><span class="status">${esc(valueName(lang, petition.status))}</span> ${esc(petition.subject)}
                <div class="meta">${esc(valueName(lang, petition.targetDepartment))} · ${esc(when(petition.receivedAt, lang))}</div>
                ${clock ? `<div class="clock ${petition.overdue ? 'error' : ''}">${esc(clock)}</div>` : ''}
                ${petition.reply ? `<div class="reply">↳ ${esc(petition.reply)}</div>` : ''}</li>`;
            })
            .join('')}</ul>`
        : none()
      : '…';
    return `<section id="petitions"><h2>${w('petitions')}</h2>${failure('petitions')}<div class="content">${list}</div>
      <details id="petition-new"><summary>${w('filePetition')}</summary>
      <form id="petition-form" novalidate>
        <label>${w('aboutDepartment')}<select name="targetDepartment">${PETITION_DEPARTMENTS.map((code) => `<option value="${code}">${esc(valueName(lang, code))}</option>`).join('')}</select></label>
        <label>${w('subject')}<input name="subject" maxlength="120">${fieldError('petition', 'subject')}</label>
        <label>${w('content')}<textarea name="content" rows="3" maxlength="6000"></textarea>${fieldError('petition', 'content')}</label>
        <button type="submit">${w('submit')}</button>${fieldError('petition', 'form')}
      </form></details></section>`;
  }

  function opinionsSection(): string {
    const rows = data.opinions;
    const list = rows
      ? rows.length
        ? `<ul>${rows
            .map(
              (
                opinion,
              ) => `<li data-opinion="${esc(opinion.id)}"><strong>${esc(opinion.topic)}</strong> · <span class="count">${opinion.supportCount}</span> ${w('supporters')}
                <button type="button" data-support="${esc(opinion.id)}" ${opinion.supportedByMe ? 'disabled' : ''}>${w(opinion.supportedByMe ? 'supported' : 'support')}</button>
                <div class="meta">${esc(opinion.content)}</div>${opinion.reply ? `<div class="reply">↳ ${esc(opinion.reply)}</div>` : ''}</li>`,
            )
            .join('')}</ul>`
        : none()
      : '…';
    return `<section id="opinions"><h2>${w('opinions')}</h2>${failure('opinions')}<div class="content">${list}</div></section>`;
  }

  /** One access, as a sentence: who (role, department or organisation), saw what, when, why, through what. */
  function accessSentence(row: Access): string {
    const who = `${valueName(lang, row.actorRole)}${row.actorDepartment ? (lang === 'zh' ? `（${valueName(lang, row.actorDepartment)}）` : ` of ${valueName(lang, row.actorDepartment)}`) : ''}`;
    const what = recordName(lang, row.typeName);
    const why = purposeName(lang, row.purpose);
    const how = appName(lang, row.clientApp);
    return lang === 'zh' ? `${who}为了「${why}」，通过${how}查看了${what}。` : `${who} saw ${what} for ${why}, through ${how}.`;
  }

  function accessSection(): string {
    const rows = data.access;
    const list = rows
      ? rows.length
        ? `<ul>${rows.map((row) => `<li data-access><span class="meta">${esc(when(row.at, lang))}</span><br>${esc(accessSentence(row))}</li>`).join('')}</ul>`
        : none()
      : '…';
    return `<section id="access"><h2>${w('accessLog')}</h2><p class="meta">${w('accessIntro')}</p>${failure('access')}<div class="content">${list}</div></section>`;
  }

  /** Draws everything but the element, from what was loaded; keeps what the resident typed. */
  function render(): void {
    const typed = [...sections.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('form [name]')]
      .filter((field) => !(field instanceof HTMLInputElement && field.type === 'radio'))
      .map((field) => [`${field.form?.id || field.form?.dataset['rateForm']}:${field.name}`, field.value] as const);
    const openDetails = [...sections.querySelectorAll<HTMLDetailsElement>('details[open]')].map(
      (details) => details.closest('[data-request]')?.getAttribute('data-request') ?? details.id,
    );
    root.querySelector('[data-word="title"]')!.textContent = t(lang, 'title');
    root.querySelector('#lang')!.textContent = t(lang, 'switchLang');
    const who = root.querySelector('#who')!;
    who.textContent = data.me
      ? `${t(lang, 'signedInAs')}: ${data.me.name ?? ''} · ${data.me.household?.building?.grid?.parent?.name ?? ''}`
      : '';
    sections.innerHTML = repairSection() + petitionsSection() + opinionsSection() + accessSection();
    for (const [key, value] of typed) {
      const [form, name] = key.split(':');
      const field = sections.querySelector<HTMLInputElement>(`#${form} [name="${name}"], [data-rate-form="${form}"] [name="${name}"]`);
      if (field && value) field.value = value;
    }
    for (const id of openDetails)
      sections.querySelector<HTMLDetailsElement>(`[data-request="${id}"] details, details#${id}`)?.setAttribute('open', '');
  }

  const load = async (part: string, run: () => Promise<void>) => {
    try {
      await run();
      delete failures[part];
    } catch (error) {
      failures[part] = error instanceof Error ? error.message : String(error);
    }
  };
  const loadMe = () => load('me', async () => void (data.me = (await client.request(ResidentContactDocument)).me));
  const loadRequests = () =>
    load('requests', async () => void (data.requests = [...((await client.request(MyRepairTimelineDocument)).me?.repairRequests ?? [])]));
  const loadPetitions = () =>
    load('petitions', async () => void (data.petitions = [...((await client.request(MyPetitionsClockDocument)).me?.petitions ?? [])]));
  const loadOpinions = () =>
    load('opinions', async () => {
      const communityId = data.me?.household?.building?.grid?.parent?.id;
      data.opinions = communityId
        ? (await client.request(OpinionsDocument, { regionId: communityId, orderBy: 'SUPPORT', first: 5 })).opinions.edges.map(
            (edge) => edge.node,
          )
        : [];
    });
  // The resident's own reads (this page) are in the log too; the question is who else looked.
  const loadAccess = () =>
    load(
      'access',
      async () =>
        void (data.access = ((await client.request(MyAccessLogDocument, { first: 50 })).me?.accessLog?.edges.map((edge) => edge.node) ?? [])
          .filter((row) => row.actorRole !== 'resident')
          .slice(0, 10)),
    );

  const loadAll = async () => {
    await loadMe();
    render();
    await Promise.all([loadRequests(), loadPetitions(), loadOpinions(), loadAccess()]);
    render();
    root.dataset['ready'] = 'true';
  };

  /** My requests, live: each move of one of them (accepted, dispatched, resolved…) reloads the list; the subscription is opened again after a break. */
  const follow = async () => {
    for (;;) {
      const subscription = client.subscribe(MyRepairRequestChangedDocument);
      try {
        await subscription.ready;
        live = true;
        render();
        for await (const { data } of subscription) {
          if (!data?.myRepairRequestChanged) continue;
          await loadRequests();
          render();
        }
      } catch (error) {
        // A refusal is final (this caller may not follow requests); a break is retried.
        if (error instanceof Error && 'code' in error && (error as { code: string }).code !== 'NETWORK_ERROR') {
          live = false;
          render();
          return;
        }
      }
      live = false;
      render();
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };

  /** Shows the API's BAD_USER_INPUT message beside the field it names; anything else under the form. */
  function showError(form: string, error: unknown): void {
    const field = error instanceof BadInputError && typeof error.extensions['field'] === 'string' ? error.extensions['field'] : 'form';
    const slot = sections.querySelector(`[data-error-for="${form}.${field}"]`) ?? sections.querySelector(`[data-error-for="${form}.form"]`);
    if (slot) slot.textContent = error instanceof Error ? error.message : String(error);
  }

  /** Runs a form's mutation once at a time: the button is disabled while it runs. */
  async function submitOnce(form: HTMLFormElement, name: string, run: () => Promise<void>): Promise<void> {
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button?.disabled) return;
    form.querySelectorAll('.field-error').forEach((slot) => (slot.textContent = ''));
    if (button) {
      button.disabled = true;
      button.textContent = t(lang, 'submitting');
    }
    try {
      await run();
    } catch (error) {
      showError(name, error);
    } finally {
      if (button?.isConnected) {
        button.disabled = false;
        button.textContent = t(lang, form.classList.contains('rate') ? 'send' : 'submit');
      }
    }
  }

  sections.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const fields = new FormData(form);
    if (form.id === 'repair-form') {
      void submitOnce(form, 'repair', async () => {
        const household = data.me?.household;
        await client.request(SubmitRepairRequestDocument, {
          input: {
            category: String(fields.get('category')) as (typeof REPAIR_CATEGORIES)[number],
            description: String(fields.get('description') ?? ''),
            contactPhone: String(fields.get('phone') ?? ''),
            // The same key until it succeeds: resubmitting after a lost answer returns the first request.
            clientKey: keys.repair,
            ...(household ? { householdId: household.id } : {}),
          },
        });
        keys.repair = newClientKey('repair');
        form.querySelector<HTMLTextAreaElement>('[name="description"]')!.value = '';
        await loadRequests();
        render();
      });
    } else if (form.id === 'petition-form') {
      void submitOnce(form, 'petition', async () => {
        await client.request(SubmitPetitionDocument, {
          input: {
            channel: 'ONLINE',
            targetDepartment: String(fields.get('targetDepartment')),
            subject: String(fields.get('subject') ?? ''),
            content: String(fields.get('content') ?? ''),
            clientKey: keys.petition,
          },
        });
        keys.petition = newClientKey('petition');
        form.reset();
        await loadPetitions();
        render();
      });
    } else if (form.dataset['rateForm']) {
      const id = form.dataset['rateForm'];
      void submitOnce(form, `rate-${id}`, async () => {
        const feedback = String(fields.get('feedback') ?? '').trim();
        await client.request(RateRepairRequestDocument, { id, rating: Number(fields.get('rating')), ...(feedback ? { feedback } : {}) });
        await loadRequests();
        render();
      });
    }
  });

  sections.addEventListener('click', (event) => {
    const support = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-support]');
    if (support?.dataset['support']) {
      support.disabled = true;
      client
        .request(SupportOpinionDocument, { id: support.dataset['support'] })
        .then(loadOpinions)
        .catch((error: unknown) => void (failures['opinions'] = error instanceof Error ? error.message : String(error)))
        .finally(render);
    }
  });

  root.querySelector('#lang')?.addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('liangling-lang', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    element?.setAttribute('lang', lang);
    render();
  });

  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  render();
  void loadAll().then(follow);
}
