// The slot view shared by the booking and the manage page: a time zone selector, a month of days
// (a day with slots is a button) and the slots of the chosen day as a list of buttons. Times are
// shown in the chosen zone; the API is asked for the days of that zone.
import { api, hostPath, say } from './api.js';

const MAX_MONTHS_AHEAD = 24;

export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function allZones(including) {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(including) ? zones : [including, ...zones];
}

/** "GMT-05:00" for an instant in a zone. */
export function zoneOffset(instant, zone) {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName');
  return part ? part.value : '';
}

export function formatTime(instant, zone) {
  return new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: 'numeric', minute: '2-digit' })
    .format(new Date(instant));
}

export function formatDay(instant, zone) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone: zone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric',
  }).format(new Date(instant));
}

/** "Tuesday, 8 December 2026, 9:00 AM – 9:30 AM (America/New_York, GMT-05:00)". */
export function formatRange(start, end, zone) {
  return `${formatDay(start, zone)}, ${formatTime(start, zone)} – ${formatTime(end, zone)} `
    + `(${zone}, ${zoneOffset(start, zone)})`;
}

/** Today's year and month (1-12) in a zone. */
function thisMonth(zone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric' })
    .formatToParts(new Date());
  const value = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: value('year'), month: value('month') };
}

function iso(year, month, day) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysIn(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value);
  }
  children.forEach((c) => node.append(c));
  return node;
}

/**
 * Builds the view inside root. onPick(slot, zone) is called when a slot button is pressed; a slot
 * is {start, end} in UTC. Returns {refresh(), zone()}.
 */
export function createSlotPicker({ root, hostId, eventType, zone = browserZone(), onPick, onZone = () => {} }) {
  const state = { zone, ...thisMonth(zone), days: new Map(), chosenDate: null, first: null };
  state.first = { year: state.year, month: state.month };
  root.replaceChildren();

  const zoneSelect = el('select', { id: 'zone-select', name: 'timeZone' });
  allZones(zone).forEach((z) => zoneSelect.append(el('option', { value: z, text: z.replaceAll('_', ' ') })));
  zoneSelect.value = zone;
  const zoneField = el('div', { class: 'field' }, el('label', { for: 'zone-select', text: 'Time zone' }), zoneSelect);

  const prev = el('button', { type: 'button', id: 'prev-month', text: '‹ Previous month' });
  const next = el('button', { type: 'button', id: 'next-month', text: 'Next month ›' });
  const title = el('h3', { id: 'month-title', 'aria-live': 'polite' });
  const nav = el('div', { class: 'month-nav' }, prev, title, next);
  const grid = el('div', { class: 'month', id: 'month-grid', role: 'group', 'aria-labelledby': 'month-title' });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', hidden: true });
  const dayTitle = el('h3', { id: 'day-title', tabindex: '-1', hidden: true });
  const slotList = el('ul', { class: 'slots', id: 'slot-list', 'aria-labelledby': 'day-title' });
  root.append(zoneField, nav, grid, status, dayTitle, slotList);

  zoneSelect.addEventListener('change', () => {
    state.zone = zoneSelect.value;
    state.chosenDate = null;
    onZone(state.zone);
    load();
  });
  prev.addEventListener('click', () => move(-1));
  next.addEventListener('click', () => move(1));

  function move(delta) {
    const index = state.year * 12 + (state.month - 1) + delta;
    state.year = Math.floor(index / 12);
    state.month = (index % 12) + 1;
    state.chosenDate = null;
    load();
  }

  async function load() {
    const { year, month, zone: asked } = state;
    const first = iso(year, month, 1);
    const last = iso(year, month, daysIn(year, month));
    const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(year, month - 1, 1)));
    title.textContent = monthName;
    const firstIndex = state.first.year * 12 + state.first.month;
    prev.disabled = year * 12 + month <= firstIndex;
    next.disabled = year * 12 + month >= firstIndex + MAX_MONTHS_AHEAD;
    say(status, 'Loading available times…');
    grid.setAttribute('aria-busy', 'true');
    try {
      const query = `?start=${first}&end=${last}&timeZone=${encodeURIComponent(asked)}`;
      const listing = await api(hostPath(hostId, `/event-types/${encodeURIComponent(eventType)}/slots${query}`));
      if (state.year !== year || state.month !== month || state.zone !== asked) return; // the user moved on
      state.days = new Map(listing.days.map((d) => [d.date, d.slots]));
      const open = listing.days.filter((d) => d.slots.length > 0).length;
      say(status, open === 0 ? `No times are available in ${monthName}. Try the next month.` : '');
    } catch (e) {
      state.days = new Map();
      say(status, e.message, 'error');
    } finally {
      grid.removeAttribute('aria-busy');
    }
    renderMonth();
    renderDay();
    // Which listing the grid shows, for tests and for anyone inspecting the page.
    grid.dataset.zone = state.zone;
    grid.dataset.month = iso(year, month, 1).slice(0, 7);
  }

  function renderMonth() {
    const { year, month } = state;
    grid.replaceChildren();
    const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
    for (let i = 0; i < 7; i++) {
      // 2024-01-01 was a Monday: the weeks start on Monday.
      grid.append(el('span', { class: 'weekday', 'aria-hidden': 'true', text: weekdayFormat.format(new Date(Date.UTC(2024, 0, 1 + i))) }));
    }
    const offset = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    for (let i = 0; i < offset; i++) grid.append(el('span', { class: 'blank', 'aria-hidden': 'true' }));
    const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
    for (let day = 1; day <= daysIn(year, month); day++) {
      const date = iso(year, month, day);
      const slots = state.days.get(date) || [];
      const label = `${longDate.format(new Date(Date.UTC(year, month - 1, day)))}, `
        + (slots.length ? `${slots.length} time${slots.length === 1 ? '' : 's'} available` : 'no times');
      const button = el('button', {
        type: 'button', class: 'day', 'data-date': date, 'aria-label': label,
        'aria-pressed': String(date === state.chosenDate), disabled: slots.length === 0, text: String(day),
      });
      button.addEventListener('click', () => {
        state.chosenDate = date;
        renderMonth();
        renderDay();
        dayTitle.focus();
      });
      grid.append(button);
    }
  }

  function renderDay() {
    slotList.replaceChildren();
    const slots = state.chosenDate ? state.days.get(state.chosenDate) || [] : [];
    dayTitle.hidden = !state.chosenDate;
    if (!state.chosenDate) return;
    const [y, m, d] = state.chosenDate.split('-').map(Number);
    dayTitle.textContent = new Intl.DateTimeFormat(undefined, {
      weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, d))) + ` (${state.zone})`;
    if (slots.length === 0) {
      slotList.append(el('li', { text: 'No times are left on this day.' }));
    }
    for (const slot of slots) {
      const button = el('button', {
        type: 'button', class: 'slot', 'data-start': slot.start, text: formatTime(slot.start, state.zone),
      });
      button.addEventListener('click', () => onPick({ start: slot.start, end: slot.end }, state.zone));
      slotList.append(el('li', {}, button));
    }
  }

  load();
  return { refresh: load, zone: () => state.zone };
}
