// A one-event iCalendar file (RFC 5545) made in the browser, for the invitee's own calendar.

function utc(instant) {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function text(value) {
  return String(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

// Lines longer than 75 octets are folded: CRLF and one space, never inside a UTF-8 sequence.
function fold(line) {
  const encoder = new TextEncoder();
  const out = [];
  let current = '';
  for (const char of line) {
    const limit = out.length === 0 ? 75 : 74;
    if (encoder.encode(current + char).length > limit) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  out.push(current);
  return out.join('\r\n ');
}

/**
 * booking: {id, start, end, revision}; summary and description are plain text; url is the manage link.
 * SEQUENCE is the booking's revision, as in its mails: a calendar that has the event from a mail or an
 * earlier download takes a moved booking's file as an update, not as an older copy.
 */
export function icsFor({ id, start, end, revision }, summary, description, url) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//scheduler//booking page//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    // The booking mails' UID (the booking id at the public URL's host name): served from that URL,
    // the page's file and the mails describe one event, which a calendar then updates, not doubles.
    `UID:${id}@${location.hostname}`,
    `SEQUENCE:${revision ?? 0}`,
    `DTSTAMP:${utc(Date.now())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${text(summary)}`,
    `DESCRIPTION:${text(description)}`,
    `URL:${url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Points a link at the file (a data: URL: the test and a curious user can read it from the page). */
export function offerDownload(anchor, ics, filename = 'invite.ics') {
  anchor.href = 'data:text/calendar;charset=utf-8,' + encodeURIComponent(ics);
  anchor.download = filename;
}
