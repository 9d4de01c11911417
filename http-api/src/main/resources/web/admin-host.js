// The console's host page: the host, its event types, upcoming bookings (with their calendar
// write and a retry for a failed one), its calendar connections' sync health (with pause and
// resume), the write-back outbox and the read side's analytics.
import { api } from './api.js';
import { cell, row, confirmedButton, when, ago } from './admin-dom.js';

const $ = id => document.getElementById(id);
const DAY_MS = 24 * 3600 * 1000;

export class HostPanel {
  constructor(token, status) {
    this.token = token;
    this.status = status;
    this.hostId = null;
  }

  async show(hostId) {
    this.hostId = hostId;
    const path = '/api/v1/hosts/' + encodeURIComponent(hostId);
    const token = this.token();
    try {
      const host = await api(path, { token });
      $('host-name').textContent = host.name;
      $('host-meta').textContent = `${host.id} · ${host.email} · ${host.timeZone}`;
      $('host').hidden = false;
    } catch (e) {
      $('host').hidden = true;
      this.status(e.status === 404 ? 'No host has the id ' + hostId + '.' : 'Could not read the host: ' + e.message,
          true);
      return;
    }
    const now = Date.now();
    const results = await Promise.allSettled([
      api(path + '/event-types'),
      api(path + '/bookings?status=CONFIRMED&from=' + new Date(now).toISOString(), { token }),
      api(path + '/calendars', { token }),
      api('/api/v1/admin/hosts/' + encodeURIComponent(hostId) + '/write-back', { token }),
      api(path + '/analytics?from=' + new Date(now - 90 * DAY_MS).toISOString() + '&to='
          + new Date(now + 30 * DAY_MS).toISOString(), { token }),
    ]);
    const [types, bookings, calendars, writeBack, analytics] = results;
    this.render(types, 'host-event-types', r => this.eventTypes(r));
    this.render(bookings, 'host-bookings', r => this.bookings(r));
    this.render(calendars, 'host-connections', r => this.connections(r));
    this.render(writeBack, 'host-write-back', r => this.writeBack(r));
    this.render(analytics, 'host-analytics', r => this.analytics(r));
  }

  render(result, id, draw) {
    if (result.status === 'fulfilled') {
      draw(result.value);
      return;
    }
    const target = $(id).tBodies ? $(id).tBodies[0] : $(id);
    target.replaceChildren(document.createTextNode('Not available: ' + result.reason.message));
  }

  eventTypes(answer) {
    $('host-event-types').replaceChildren(...answer.eventTypes.map(t => {
      const li = document.createElement('li');
      li.textContent = `${t.slug}: ${t.title}, ${t.durationMinutes} min`;
      return li;
    }));
  }

  bookings(answer) {
    const upcoming = answer.bookings.slice().sort((a, b) => Date.parse(a.start) - Date.parse(b.start)).slice(0, 50);
    $('host-bookings').tBodies[0].replaceChildren(...upcoming.map(b => {
      const write = b.calendarWrite;
      const cells = [cell(when(b.start)), cell(b.eventType), cell(b.invitee ? b.invitee.name : ''),
        cell(write ? write.status + (write.reason ? ': ' + write.reason : '') : '')];
      cells.push(write && write.status === 'failed'
        ? confirmedButton('Retry write', 'Write booking ' + b.id + ' to the calendar again?', () => this.act(
            '/api/v1/hosts/' + encodeURIComponent(this.hostId) + '/bookings/' + encodeURIComponent(b.id)
              + '/calendar-write/retry', 'The calendar write of ' + b.id + ' will be tried again.'))
        : cell(''));
      return row(cells);
    }));
  }

  connections(answer) {
    $('host-connections').tBodies[0].replaceChildren(...answer.calendars.map(c => {
      const paused = c.status === 'paused';
      const base = '/api/v1/hosts/' + encodeURIComponent(this.hostId) + '/calendars/' + encodeURIComponent(c.id);
      const tr = row([
        cell(`${c.provider}: ${c.label}`),
        cell(c.status),
        cell(when(c.lastSuccessfulSync)),
        cell(c.lastSuccessfulSync ? ago(c.lastSuccessfulSync) : 'never synced'),
        cell(c.lastError ? `${c.lastError} (${when(c.lastErrorAt)})` : ''),
        cell(when(c.nextRetryAt)),
        paused
          ? confirmedButton('Resume sync', 'Resume syncing ' + c.label + '?',
              () => this.act(base + '/resume', 'Syncing ' + c.label + ' again.'))
          : confirmedButton('Pause sync', 'Pause syncing ' + c.label + '? Its last busy time keeps counting.',
              () => this.act(base + '/pause', 'Paused syncing ' + c.label + '.')),
      ]);
      tr.dataset.connection = c.id;
      tr.dataset.status = c.status;
      return tr;
    }));
  }

  writeBack(answer) {
    const lines = answer.connections.map(c => {
      const p = document.createElement('p');
      p.textContent = `${c.connectionId}: ${c.pending} waiting` + (c.oldestPendingAt
        ? `, oldest since ${when(c.oldestPendingAt)} (${ago(c.oldestPendingAt)})` : '');
      return p;
    });
    $('host-write-back').replaceChildren(...(lines.length ? lines
      : [document.createTextNode('Nothing waiting to be written.')]));
  }

  analytics(answer) {
    const b = answer.bookings;
    const summary = document.createElement('p');
    summary.id = 'host-analytics-summary';
    summary.textContent = `${b.confirmed} confirmed, ${b.cancelled} cancelled, ${b.rescheduled} rescheduled; `
      + `lead time median ${minutes(answer.leadTimeMinutes.median)}, p90 ${minutes(answer.leadTimeMinutes.p90)}.`;
    const weekdays = document.createElement('div');
    weekdays.className = 'bars';
    weekdays.setAttribute('aria-label', 'Bookings by weekday in the host\'s zone');
    const top = Math.max(1, ...answer.byWeekday.map(d => d.count));
    for (const day of answer.byWeekday) {
      const bar = document.createElement('span');
      bar.title = `${day.day}: ${day.count}`;
      bar.style.height = Math.max(2, Math.round(60 * day.count / top)) + 'px';
      weekdays.append(bar);
    }
    const reasons = document.createElement('p');
    reasons.textContent = answer.cancellationReasons.length
      ? 'Cancellation reasons: ' + answer.cancellationReasons.map(r => `${r.reason} (${r.count})`).join(', ')
      : 'No cancellations in the range.';
    $('host-analytics').replaceChildren(summary, weekdays, reasons);
  }

  async act(path, done) {
    try {
      await api(path, { method: 'POST', token: this.token() });
      this.status(done);
    } catch (e) {
      this.status('Refused: ' + e.message, true);
    }
    await this.show(this.hostId);
  }
}

function minutes(value) {
  return value === null || value === undefined ? '–' : value + ' min';
}
