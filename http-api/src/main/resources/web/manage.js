// GET /manage/{bookingId}?token=...: the invitee's own booking, read, cancelled or moved with the
// booking token (which names the host: bkg.<hostId>.<bookingId>.<signature>).
import { api, ApiError, eventType as findEventType, hostPath, say } from './api.js';
import { createSlotPicker, formatRange } from './slots.js';
import { icsFor, offerDownload } from './ics.js';

const $ = (id) => document.getElementById(id);
const bookingId = decodeURIComponent(location.pathname.split('/')[2] || '');
const token = new URLSearchParams(location.search).get('token') || '';
const hostId = token.split('.')[1] || '';

let booking = null;
let title = 'Meeting';
let zone = null;
let picker = null;
let newSlot = null;
let busy = false;

const bookingPath = (rest = '') => hostPath(hostId, `/bookings/${encodeURIComponent(bookingId)}${rest}`);

async function start() {
  if (!token.startsWith('bkg.') || token.split('.').length !== 4) {
    say($('page-status'), 'This link is incomplete: open the whole link from your confirmation.', 'error');
    return;
  }
  try {
    booking = await api(bookingPath(), { token });
  } catch (e) {
    say($('page-status'), e.message, 'error');
    return;
  }
  zone = booking.invitee.timeZone;
  try {
    title = (await findEventType(hostId, booking.eventType)).title;
  } catch (e) {
    title = booking.eventType; // the title is a nicety; the booking itself is what matters here
  }
  show();
}

function show() {
  const cancelled = booking.status === 'CANCELLED';
  document.title = `${title}: your booking`;
  $('booking-title').textContent = title;
  $('booking-state').textContent = cancelled ? 'Cancelled' : 'Confirmed';
  $('booking-state').dataset.state = booking.status;
  $('booking-event').textContent = title;
  $('booking-time').textContent = formatRange(booking.start, booking.end, zone);
  $('booking-cancel-reason').hidden = !(cancelled && booking.cancelReason);
  $('booking-cancel-reason').textContent = booking.cancelReason ? `Reason: ${booking.cancelReason}` : '';
  $('ics-link').parentElement.hidden = cancelled;
  offerDownload($('ics-link'), icsFor(booking, title, `${title}. Manage: ${location.href}`, location.href));
  $('booking').hidden = false;
  $('actions').hidden = cancelled;
  if (cancelled) {
    $('reschedule').hidden = true;
    $('cancel').hidden = true;
  }
}

function toggle(sectionId, buttonId, focusId) {
  const section = $(sectionId);
  section.hidden = !section.hidden;
  $(buttonId).setAttribute('aria-expanded', String(!section.hidden));
  if (!section.hidden) $(focusId).focus();
  return !section.hidden;
}

function openReschedule() {
  if (toggle('reschedule', 'show-reschedule', 'reschedule-title') && !picker) {
    picker = createSlotPicker({
      root: $('picker'), hostId, eventType: booking.eventType, zone, onPick: pickNew,
      onZone: (z) => { zone = z; show(); },
    });
  }
}

function pickNew(slot, pickedZone) {
  newSlot = slot;
  zone = pickedZone;
  $('new-time').textContent = formatRange(slot.start, slot.end, pickedZone);
  $('reschedule-confirm').hidden = false;
  $('reschedule-button').focus();
}

async function act(button, request, done) {
  if (busy) return;
  busy = true;
  button.disabled = true;
  say($('action-status'), 'Working…');
  try {
    booking = await request();
    show();
    say($('action-status'), done, 'success');
  } catch (e) {
    failed(e);
  } finally {
    busy = false;
    button.disabled = false;
  }
}

function failed(error) {
  if (error instanceof ApiError && error.code === 'slot_unavailable') {
    say($('action-status'), 'Sorry, that time was just taken. The times shown are up to date now: please choose another.', 'error');
    $('reschedule-confirm').hidden = true;
    newSlot = null;
    picker?.refresh();
    return;
  }
  say($('action-status'), error.message, 'error');
}

function reschedule() {
  if (!newSlot) return;
  act($('reschedule-button'), () => api(bookingPath('/reschedule'), {
    method: 'POST', token, body: { start: newSlot.start },
  }), 'Your booking has been moved to the new time.').then(() => {
    if (booking.start === newSlot?.start) {
      $('reschedule-confirm').hidden = true;
      $('reschedule').hidden = true;
      $('show-reschedule').setAttribute('aria-expanded', 'false');
      picker?.refresh();
    }
  });
}

function cancel(event) {
  event.preventDefault();
  const reason = $('cancel-reason').value.trim();
  act($('cancel-button'), () => api(bookingPath('/cancel'), {
    method: 'POST', token, body: { reason: reason || null },
  }), 'Your booking has been cancelled.');
}

$('show-reschedule').addEventListener('click', openReschedule);
$('show-cancel').addEventListener('click', () => toggle('cancel', 'show-cancel', 'cancel-reason'));
$('reschedule-button').addEventListener('click', reschedule);
$('cancel-form').addEventListener('submit', cancel);
start();
