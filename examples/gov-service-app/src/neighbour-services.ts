// <liangling-neighbour-services>: the neighbour services near a resident's home, by category, on a
// simple SVG map of their community. Any host page (the city's real government-service app) drops it
// in with a script tag and gives it a token provider:
//
//   <script src="neighbour-services.js"></script>
//   <liangling-neighbour-services endpoint="/graphql" lang="zh"></liangling-neighbour-services>
//   <script>document.querySelector('liangling-neighbour-services').tokenProvider = async () => token;</script>
//
// The element asks for the token before every request (so the host may refresh it) and never stores it.
import { MyHomeDocument, NeighbourServicesNearDocument, createClient, type LianglingClient, type MyHomeQuery, type NeighbourServicesNearQuery } from '@liangling/sdk/government';
import { SERVICE_CATEGORIES, t, valueName, type Lang } from './i18n';
import { fit, pathOf, type LngLat } from './map';

/** Gives the element the signed-in resident's token; called before every request. */
export type TokenProvider = () => Promise<string | undefined | null> | string | undefined | null;

type Service = NeighbourServicesNearQuery['neighbourServices']['edges'][number]['node'];
type Building = NonNullable<NonNullable<NonNullable<MyHomeQuery['me']>['household']>['building']>;

const MARKER_COLOURS: Readonly<Record<string, string>> = {
  ELDERLY_CARE: '#c2410c',
  MEALS: '#ca8a04',
  HOUSEKEEPING: '#0891b2',
  REPAIR: '#2563eb',
  HEALTH: '#dc2626',
  LEGAL_AID: '#7c3aed',
  VOLUNTEERING: '#16a34a',
};

const STYLE = `
  :host { display: block; font: 14px/1.5 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2937; }
  .bar { display: flex; gap: .5rem; align-items: center; margin-bottom: .5rem; }
  .body { display: grid; grid-template-columns: 320px 1fr; gap: 1rem; }
  svg { background: #f8fafc; border: 1px solid #e2e8f0; border-radius: 8px; }
  .grid { fill: #e0f2fe; stroke: #7dd3fc; stroke-width: 1; }
  .grid.mine { fill: #bae6fd; }
  .community { fill: none; stroke: #0369a1; stroke-width: 2; }
  .label { font-size: 10px; fill: #475569; }
  ul { list-style: none; margin: 0; padding: 0; max-height: 320px; overflow: auto; }
  li { padding: .35rem .25rem; border-bottom: 1px solid #f1f5f9; }
  .dot { display: inline-block; width: .6rem; height: .6rem; border-radius: 50%; margin-right: .35rem; }
  .meta { color: #64748b; font-size: 12px; }
  .error { color: #b91c1c; }
`;

function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export class NeighbourServicesElement extends HTMLElement {
  static readonly observedAttributes = ['lang', 'endpoint', 'category'];

  /** Set by the host page: resolves with the resident's token. */
  tokenProvider: TokenProvider | undefined;

  #home: Building | null = null;
  #services: readonly Service[] = [];
  #error: string | null = null;
  #loading = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /** The `lang` attribute: `zh` (the default) or `en`. */
  #language(): Lang {
    return this.getAttribute('lang') === 'en' ? 'en' : 'zh';
  }

  connectedCallback(): void {
    this.render();
    void this.load();
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (previous === next || !this.isConnected) return;
    if (name === 'lang') this.render();
    else void this.load();
  }

  /** Loads again (after the host changed the token provider, say). */
  async refresh(): Promise<void> {
    await this.load();
  }

  #client(): LianglingClient {
    return createClient({
      url: new URL(this.getAttribute('endpoint') ?? '/graphql', document.baseURI).toString(),
      getToken: async () => (this.tokenProvider ? ((await this.tokenProvider()) ?? undefined) : undefined),
      purpose: 'neighbour-services',
    });
  }

  private async load(): Promise<void> {
    const loading = ++this.#loading;
    try {
      const client = this.#client();
      if (!this.#home) {
        const { me } = await client.request(MyHomeDocument);
        this.#home = me?.household?.building ?? null;
      }
      if (!this.#home) throw new Error('no home on record');
      const category = this.getAttribute('category');
      const { neighbourServices } = await client.request(NeighbourServicesNearDocument, {
        near: { buildingId: this.#home.id },
        category: (SERVICE_CATEGORIES as readonly string[]).includes(category ?? '') ? (category as (typeof SERVICE_CATEGORIES)[number]) : null,
        first: 30,
      });
      if (loading !== this.#loading) return;
      this.#services = neighbourServices.edges.map((edge) => edge.node);
      this.#error = null;
    } catch (error) {
      if (loading !== this.#loading) return;
      this.#error = error instanceof Error ? error.message : String(error);
    }
    this.render();
    this.dispatchEvent(new CustomEvent('loaded', { detail: { services: this.#services.length, error: this.#error } }));
  }

  private render(): void {
    const root = this.shadowRoot;
    if (!root) return;
    const lang = this.#language();
    const selected = this.getAttribute('category') ?? '';
    const options = [`<option value="">${esc(t(lang, 'allCategories'))}</option>`]
      .concat(SERVICE_CATEGORIES.map((category) => `<option value="${category}" ${category === selected ? 'selected' : ''}>${esc(valueName(lang, category))}</option>`))
      .join('');
    const list = this.#services.length
      ? this.#services
          .map(
            (service) => `<li data-service="${esc(service.id)}"><span class="dot" style="background:${MARKER_COLOURS[service.category] ?? '#334155'}"></span><strong>${esc(service.name)}</strong>
              <div class="meta">${esc(valueName(lang, service.category))} · ${esc(service.provider.name)} · ${esc(service.hours)}${service.price ? ` · ${esc(service.price.display)}` : ''}</div>
              <div class="meta">☎ ${esc(service.provider.phone)} · ${esc(service.provider.address)}</div></li>`,
          )
          .join('')
      : `<li class="meta">${esc(this.#loading && !this.#error ? '…' : t(lang, 'noServices'))}</li>`;
    root.innerHTML = `<style>${STYLE}</style>
      <div class="bar"><strong>${esc(t(lang, 'neighbourServices'))}</strong>
        <select part="category" aria-label="${esc(t(lang, 'allCategories'))}">${options}</select></div>
      ${this.#error ? `<p class="error">${esc(t(lang, 'error'))}: ${esc(this.#error)}</p>` : ''}
      <div class="body">${this.#map()}<ul part="list">${list}</ul></div>`;
    root.querySelector('select')?.addEventListener('change', (event) => {
      const value = (event.target as HTMLSelectElement).value;
      if (value) this.setAttribute('category', value);
      else this.removeAttribute('category');
    });
  }

  #map(): string {
    const community = this.#home?.grid?.parent;
    if (!this.#home || !community) return '<svg width="320" height="320" role="img"></svg>';
    const rings = community.polygon.coordinates;
    const projection = fit(rings, 320, 320);
    const grids = community.children
      .map((grid) => `<path class="grid ${grid.id === this.#home?.grid?.id ? 'mine' : ''}" d="${pathOf(projection, grid.polygon.coordinates)}"><title>${esc(grid.name)}</title></path>`)
      .join('');
    const home = projection.point(this.#home.location);
    // A service is drawn at the centre of the smallest area it serves, kept inside the map, and
    // fanned out around that point so that services of one area do not hide each other.
    const markers = this.#services
      .map((service, index) => {
        const area = [...service.area].sort((a, b) => levelRank(b.level) - levelRank(a.level))[0];
        const at: LngLat = area?.centroid ?? community.centroid;
        const point = projection.point(at);
        const angle = index * 2.4;
        const x = clamp(point.x + Math.cos(angle) * (8 + index * 3), 10, 310);
        const y = clamp(point.y + Math.sin(angle) * (8 + index * 3), 10, 310);
        return `<circle data-marker="${esc(service.id)}" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${MARKER_COLOURS[service.category] ?? '#334155'}" stroke="#fff"><title>${esc(service.name)}</title></circle>`;
      })
      .join('');
    return `<svg width="320" height="320" viewBox="0 0 320 320" role="img" aria-label="${esc(community.name)}">
      ${grids}<path class="community" d="${pathOf(projection, rings)}"></path>${markers}
      <g data-home><rect x="${(home.x - 7).toFixed(1)}" y="${(home.y - 7).toFixed(1)}" width="14" height="14" fill="#111827" rx="2"></rect>
      <text class="label" x="${(home.x + 10).toFixed(1)}" y="${(home.y + 4).toFixed(1)}">${esc(t(this.#language(), 'myHome'))}</text></g>
      <text class="label" x="8" y="314">${esc(community.name)}</text></svg>`;
  }
}

const LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'];
function levelRank(level: string): number {
  return LEVELS.indexOf(level);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

if (!customElements.get('liangling-neighbour-services')) customElements.define('liangling-neighbour-services', NeighbourServicesElement);

declare global {
  interface HTMLElementTagNameMap {
    'liangling-neighbour-services': NeighbourServicesElement;
  }
}
