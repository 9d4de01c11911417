// GET /book/{hostId}/{eventType}: pick a day and a time, give a name and an email, book.
import { api, ApiError, eventType as findEventType, hostPath, newIdempotencyKey, say } from './api.js';
import { browserZone, createSlotPicker, formatRange, zoneOffset } from './slots.js';
import { icsFor, offerDownload } from './ics.js';

const $ = (id) => document.getElementById(id);
const [, , rawHost, rawType] = location.pathname.split('/');
const hostId = decodeURIComponent(rawHost || '');
const slug = decodeURIComponent(rawType || '');

let type = null;
let picker = null;
let chosen = null; // {start, end, zone}
let inFlight = false;
// One key per booking attempt: a retry of the same attempt (same slot and details) sends it again,
// so a request whose answer was lost cannot book twice.
let attempt = { fingerprint: null, key: null };

async function start() {
  try {
    type = await findEventType(hostId, slug);
  } catch (e) {
    say($('page-status'), e.message, 'error');
    return;
  }
  document.title = `Book: ${type.title}`;
  $('event-title').textContent = type.title;
  $('event-duration').textContent = `${type.durationMinutes} minutes`;
  $('pick').hidden = false;
  picker = createSlotPicker({ root: $('picker'), hostId, eventType: slug, zone: browserZone(), onPick: choose });
}

function choose(slot, zone) {
  chosen = { ...slot, zone };
  $('chosen-time').textContent = formatRange(slot.start, slot.end, zone);
  say($('form-status'), '');
  $('details').hidden = false;
  $('details-title').focus();
}

async function submit(event) {
  event.preventDefault();
  if (inFlight || !chosen) return;
  const form = $('booking-form');
  if (!form.reportValidity()) return;
  const body = {
    eventType: slug,
    start: chosen.start,
    invitee: { name: $('name').value.trim(), email: $('email').value.trim(), timeZone: chosen.zone },
    notes: $('notes').value.trim() || null,
  };
  const fingerprint = JSON.stringify(body);
  if (attempt.fingerprint !== fingerprint) attempt = { fingerprint, key: newIdempotencyKey() };
  inFlight = true;
  $('book-button').disabled = true;
  say($('form-status'), 'Booking…');
  try {
    const booking = await api(hostPath(hostId, '/bookings'), {
      method: 'POST', body, headers: { 'Idempotency-Key': attempt.key },
    });
    showConfirmation(booking, chosen.zone);
  } catch (e) {
    failed(e);
  } finally {
    inFlight = false;
    $('book-button').disabled = false;
  }
}

function failed(error) {
  if (error instanceof ApiError && error.status === 409) {
    say($('form-status'), 'Sorry, that time was just taken. The times shown are up to date now: please choose another.', 'error');
    chosen = null;
    $('chosen-time').textContent = '';
    picker.refresh();
    return;
  }
  const hint = error instanceof ApiError && error.retryable ? ' Pressing Book again is safe: it will not book twice.' : '';
  say($('form-status'), error.message + hint, 'error');
}

function showConfirmation(booking, zone) {
  const manage = `${location.origin}/manage/${encodeURIComponent(booking.id)}?token=${encodeURIComponent(booking.bookingToken)}`;
  $('pick').hidden = true;
  $('details').hidden = true;
  $('confirmed-title').textContent = type.title;
  $('confirmed-time').textContent = formatRange(booking.start, booking.end, zone);
  $('confirmed-zone').textContent = `Times are in ${zone} (${zoneOffset(booking.start, zone)}).`;
  $('manage-link').href = manage;
  $('manage-link').textContent = manage;
  const description = `${type.title} (${type.durationMinutes} minutes). Cancel or reschedule: ${manage}`;
  offerDownload($('ics-link'), icsFor(booking, type.title, description, manage));
  $('confirmation').hidden = false;
  $('confirmation-title').focus();
}

$('booking-form').addEventListener('submit', submit);
$('change-time').addEventListener('click', () => {
  $('details').hidden = true;
  document.querySelector('#slot-list button, #month-grid button:not([disabled])')?.focus();
});
start();
