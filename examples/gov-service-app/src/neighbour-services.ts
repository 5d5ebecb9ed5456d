// <liangling-neighbour-services>: the neighbour services near a resident's home, by category, on an
// offline map drawn from the graph's own geometry (street and community outlines, grids, the
// buildings of the resident's grid). Any host page (the city's real government-service app) drops it
// in with a script tag and gives it a token provider:
//
//   <script src="neighbour-services.js"></script>
//   <liangling-neighbour-services endpoint="/graphql" lang="zh"></liangling-neighbour-services>
//   <script>document.querySelector('liangling-neighbour-services').tokenProvider = async () => token;</script>
//
// The element sends nothing until the host has given it a token provider (a request without the
// resident's token would be an anonymous one, whose schema has no `me` fields); it asks the provider
// before every request (so the host may refresh the token) and never stores the token.
import {
  NeighbourServicesNearDocument,
  ResidentHomeMapDocument,
  createClient,
  type LianglingClient,
  type NeighbourServicesNearQuery,
  type ResidentHomeMapQuery,
} from '@liangling/sdk/government';
import { SERVICE_CATEGORIES, t, valueName, type Lang } from './i18n';
import { clamp, fit, pathOf, spread, type LngLat, type Ring } from '../../shared/map';
import { esc } from '../../shared/html';

/** Gives the element the signed-in resident's token; called before every request. */
export type TokenProvider = () => Promise<string | undefined | null> | string | undefined | null;

type Service = NeighbourServicesNearQuery['neighbourServices']['edges'][number]['node'];
type Building = NonNullable<NonNullable<NonNullable<ResidentHomeMapQuery['me']>['household']>['building']>;

const MARKER_COLOURS: Readonly<Record<string, string>> = {
  ELDERLY_CARE: '#c2410c',
  MEALS: '#a16207',
  HOUSEKEEPING: '#0e7490',
  REPAIR: '#1d4ed8',
  HEALTH: '#b91c1c',
  LEGAL_AID: '#6d28d9',
  VOLUNTEERING: '#15803d',
};

/** The map's box in SVG units; it scales to the element's width, keeping its proportions. */
const MAP_WIDTH = 360;
const MAP_HEIGHT = 300;
/** Services whose smallest area is one of these are drawn at that area; wider ones serve the whole map. */
const LOCAL_LEVELS = new Set(['GRID', 'COMMUNITY', 'STREET']);

const STYLE = `
  :host { display: block; container-type: inline-size; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2937; }
  .bar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: .5rem; }
  .bar strong { font-size: 1.05rem; flex: 1 1 12rem; }
  select { font: inherit; padding: .3rem; max-width: 100%; }
  .body { display: grid; grid-template-columns: minmax(0, 1fr); gap: .75rem; }
  @container (min-width: 720px) { .body { grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); } ul { max-height: 420px; } }
  figure { margin: 0; min-width: 0; }
  svg { display: block; width: 100%; height: auto; background: #f8fafc; border: 1px solid #e2e8f0; border-radius: 8px; }
  figcaption { color: #64748b; font-size: 12px; margin-top: .25rem; }
  .street { fill: #f1f5f9; stroke: #94a3b8; stroke-width: 1; stroke-dasharray: 4 3; }
  .grid { fill: #ecfeff; stroke: #67e8f9; stroke-width: 1; }
  .grid.mine { fill: #bae6fd; stroke: #0284c7; }
  .community { fill: none; stroke: #0369a1; stroke-width: 2; }
  .neighbour { fill: #f8fafc; stroke: #cbd5e1; stroke-width: 1; }
  .label.muted { fill: #94a3b8; }
  .building { fill: #cbd5e1; }
  .label { font-size: 11px; fill: #334155; paint-order: stroke; stroke: #f8fafc; stroke-width: 3px; }
  ul { list-style: none; margin: 0; padding: 0; overflow: auto; min-width: 0; }
  li { padding: .4rem .25rem; border-bottom: 1px solid #f1f5f9; overflow-wrap: anywhere; }
  .dot { display: inline-block; width: .65rem; height: .65rem; border-radius: 50%; margin-right: .35rem; vertical-align: baseline; }
  .meta { color: #64748b; font-size: 12px; }
  .wide { display: inline-block; font-size: 11px; padding: 0 .3rem; border-radius: 4px; background: #f1f5f9; color: #475569; }
  .error { color: #b91c1c; }
  a { color: #1d4ed8; }
`;

const LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'];

/** A service's smallest area: where it is drawn. */
function smallestArea(service: Service): Service['area'][number] | undefined {
  return [...service.area].sort((a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level))[0];
}

export class NeighbourServicesElement extends HTMLElement {
  static readonly observedAttributes = ['lang', 'endpoint', 'category'];

  #tokenProvider: TokenProvider | undefined;
  #home: Building | null = null;
  #services: readonly Service[] = [];
  #error: string | null = null;
  #loading = 0;
  #loaded = false;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /** Set by the host page: resolves with the resident's token. Setting it (again) loads. */
  get tokenProvider(): TokenProvider | undefined {
    return this.#tokenProvider;
  }

  set tokenProvider(provider: TokenProvider | undefined) {
    this.#tokenProvider = provider;
    if (provider && this.isConnected) void this.load();
  }

  /** The `lang` attribute: `zh` (the default) or `en`. */
  #language(): Lang {
    return this.getAttribute('lang') === 'en' ? 'en' : 'zh';
  }

  connectedCallback(): void {
    // A host that set the provider before this script defined the element set a plain property on
    // it, which hides the setter: take it over.
    if (Object.prototype.hasOwnProperty.call(this, 'tokenProvider')) {
      const provider = (this as { tokenProvider?: TokenProvider }).tokenProvider;
      delete (this as { tokenProvider?: TokenProvider }).tokenProvider;
      this.#tokenProvider = provider;
    }
    this.render();
    if (this.#tokenProvider) void this.load();
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (previous === next || !this.isConnected) return;
    if (name === 'lang') this.render();
    else if (this.#tokenProvider) void this.load();
  }

  /** Loads again (after the host changed the token, say). */
  async refresh(): Promise<void> {
    await this.load();
  }

  #client(provider: TokenProvider): LianglingClient {
    return createClient({
      url: new URL(this.getAttribute('endpoint') ?? '/graphql', document.baseURI).toString(),
      getToken: async () => (await provider()) ?? undefined,
      purpose: 'neighbour-services',
    });
  }

  private async load(): Promise<void> {
    const provider = this.#tokenProvider;
    if (!provider) return;
    const loading = ++this.#loading;
    try {
      const client = this.#client(provider);
      if (!this.#home) {
        const { me } = await client.request(ResidentHomeMapDocument);
        this.#home = me?.household?.building ?? null;
      }
      if (!this.#home) throw new Error('no home on record');
      const category = this.getAttribute('category');
      const { neighbourServices } = await client.request(NeighbourServicesNearDocument, {
        near: { buildingId: this.#home.id },
        category: (SERVICE_CATEGORIES as readonly string[]).includes(category ?? '')
          ? (category as (typeof SERVICE_CATEGORIES)[number])
          : null,
        first: 40,
      });
      if (loading !== this.#loading) return;
      this.#services = neighbourServices.edges.map((edge) => edge.node);
      this.#error = null;
    } catch (error) {
      if (loading !== this.#loading) return;
      this.#error = error instanceof Error ? error.message : String(error);
    }
    this.#loaded = true;
    this.render();
    this.dataset['ready'] = 'true';
    this.dispatchEvent(new CustomEvent('loaded', { detail: { services: this.#services.length, error: this.#error } }));
  }

  private render(): void {
    const root = this.shadowRoot;
    if (!root) return;
    const lang = this.#language();
    const selected = this.getAttribute('category') ?? '';
    const options = [`<option value="">${esc(t(lang, 'allCategories'))}</option>`]
      .concat(
        SERVICE_CATEGORIES.map(
          (category) => `<option value="${category}" ${category === selected ? 'selected' : ''}>${esc(valueName(lang, category))}</option>`,
        ),
      )
      .join('');
    const list = this.#services.length
      ? this.#services
          .map((service) => {
            const area = smallestArea(service);
            const wide =
              area && !LOCAL_LEVELS.has(area.level) ? ` <span class="wide">${esc(t(lang, 'servesArea'))}: ${esc(area.name)}</span>` : '';
            return `<li data-service="${esc(service.id)}"><span class="dot" style="background:${MARKER_COLOURS[service.category] ?? '#334155'}"></span><strong>${esc(service.name)}</strong>${wide}
              <div class="meta">${esc(valueName(lang, service.category))} · ${esc(service.provider.name)} · ${esc(service.hours)}${service.price ? ` · ${esc(service.price.display)}` : ''}</div>
              <div class="meta">☎ <a href="tel:${esc(service.provider.phone)}">${esc(service.provider.phone)}</a> · ${esc(service.provider.address)}</div></li>`;
          })
          .join('')
      : `<li class="meta">${esc(!this.#tokenProvider ? t(lang, 'waitingForSignIn') : this.#loaded || this.#error ? t(lang, 'noServices') : '…')}</li>`;
    root.innerHTML = `<style>${STYLE}</style>
      <div class="bar"><strong>${esc(t(lang, 'neighbourServices'))}</strong>
        <select part="category" aria-label="${esc(t(lang, 'allCategories'))}">${options}</select></div>
      ${this.#error ? `<p class="error">${esc(t(lang, 'error'))}: ${esc(this.#error)}</p>` : ''}
      <div class="body"><figure>${this.#map(lang)}<figcaption>${esc(t(lang, 'mapLegend'))}</figcaption></figure><ul part="list">${list}</ul></div>`;
    root.querySelector('select')?.addEventListener('change', (event) => {
      const value = (event.target as HTMLSelectElement).value;
      if (value) this.setAttribute('category', value);
      else this.removeAttribute('category');
    });
  }

  #map(lang: Lang): string {
    const home = this.#home;
    const grid = home?.grid;
    const community = grid?.parent;
    if (!home || !grid || !community) return `<svg viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" data-map></svg>`;
    const street = community.parent;
    // Drawn where they are: services of the grid, the community or the street, at that area's centre.
    // Those for the whole district or city are everywhere on this map: listed, not pinned.
    const groups = new Map<string, { at: LngLat; services: Service[] }>();
    for (const service of this.#services) {
      const area = smallestArea(service);
      if (!area || !LOCAL_LEVELS.has(area.level)) continue;
      const group = groups.get(area.id) ?? { at: area.centroid, services: [] };
      group.services.push(service);
      groups.set(area.id, group);
    }
    // The view: the community, or its whole street when a service of the street is pinned at its centre.
    const streetWide = street && [...groups.keys()].includes(street.id);
    const rings: Ring[] = [
      ...(streetWide && street ? street.polygon.coordinates : community.polygon.coordinates),
      [...groups.values()].map((group) => [group.at.lng, group.at.lat]),
    ];
    const projection = fit(
      rings.filter((ring) => ring.length > 0),
      MAP_WIDTH,
      MAP_HEIGHT,
      28,
    );
    const grids = community.children
      .map(
        (each) =>
          `<path class="grid ${each.id === grid.id ? 'mine' : ''}" d="${pathOf(projection, each.polygon.coordinates)}"><title>${esc(each.name)}</title></path>`,
      )
      .join('');
    const buildings = grid.buildings.edges
      .map(({ node }) => {
        const point = projection.point(node.location);
        return `<rect class="building" x="${(point.x - 3).toFixed(1)}" y="${(point.y - 3).toFixed(1)}" width="6" height="6"><title>${esc(node.name)}</title></rect>`;
      })
      .join('');
    const markers = [...groups.values()]
      .flatMap((group) => {
        const places = spread(projection.point(group.at), group.services.length);
        return group.services.map((service, index) => {
          const place = places[index] ?? projection.point(group.at);
          const x = clamp(place.x, 8, MAP_WIDTH - 8);
          const y = clamp(place.y, 8, MAP_HEIGHT - 8);
          return `<circle data-marker="${esc(service.id)}" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${MARKER_COLOURS[service.category] ?? '#334155'}" stroke="#fff" stroke-width="1.5"><title>${esc(service.name)}</title></circle>`;
        });
      })
      .join('');
    const at = projection.point(home.location);
    const labelLeft = at.x > MAP_WIDTH - 70;
    return `<svg viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="img" aria-label="${esc(community.name)}" data-map>
      ${street ? `<path class="street" d="${pathOf(projection, street.polygon.coordinates)}"><title>${esc(street.name)}</title></path>` : ''}
      ${(street?.children ?? [])
        .filter((each) => each.id !== community.id)
        .map((each) => {
          const centre = projection.point(each.centroid);
          return `<path class="neighbour" d="${pathOf(projection, each.polygon.coordinates)}"></path><text class="label muted" x="${centre.x.toFixed(1)}" y="${centre.y.toFixed(1)}" text-anchor="middle">${esc(each.name)}</text>`;
        })
        .join('')}
      ${grids}<path class="community" d="${pathOf(projection, community.polygon.coordinates)}"></path>${buildings}${markers}
      <g data-home><rect x="${(at.x - 7).toFixed(1)}" y="${(at.y - 7).toFixed(1)}" width="14" height="14" fill="#111827" stroke="#fff" rx="2"></rect>
      <text class="label" x="${(labelLeft ? at.x - 10 : at.x + 10).toFixed(1)}" y="${(at.y + 4).toFixed(1)}" text-anchor="${labelLeft ? 'end' : 'start'}">${esc(t(lang, 'myHome'))}</text></g>
      <text class="label" x="8" y="${MAP_HEIGHT - 8}">${esc(community.name)}${street ? ` · ${esc(street.name)}` : ''}</text></svg>`;
  }
}

if (!customElements.get('liangling-neighbour-services')) customElements.define('liangling-neighbour-services', NeighbourServicesElement);

declare global {
  interface HTMLElementTagNameMap {
    'liangling-neighbour-services': NeighbourServicesElement;
  }
}
