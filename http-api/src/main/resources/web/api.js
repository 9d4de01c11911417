// The public API as the pages use it: JSON in, JSON out, and every failure turned into an
// ApiError whose message a person can read (the API's own sentence whenever it sent one).

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** Whether sending the same request again may still succeed (the outcome is unknown). */
  get retryable() {
    return this.status === 0 || this.status === 503 || this.status === 504 || this.status === 502;
  }
}

export async function api(path, { method = 'GET', body, token, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, cache: 'no-store' };
  if (token) {
    // The header, not the URL: the booking token stays out of the node's request logs.
    init.headers.Authorization = 'Bearer ' + token;
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', 'The scheduler could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = json && json.message ? json.message : `The scheduler answered ${response.status}. Please try again.`;
    throw new ApiError(response.status, json && json.error ? json.error : 'http_' + response.status, message);
  }
  return json;
}

export function hostPath(hostId, rest = '') {
  return '/api/v1/hosts/' + encodeURIComponent(hostId) + rest;
}

/** The event type of a host by its slug, from the public list. */
export async function eventType(hostId, slug) {
  const list = await api(hostPath(hostId, '/event-types'));
  const found = (list.eventTypes || []).find((t) => t.slug === slug);
  if (!found) {
    throw new ApiError(404, 'not_found', 'This host offers no meeting called "' + slug + '".');
  }
  return found;
}

/** A random Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'page-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Shows a status message in a live region; kind is 'info', 'error' or 'success'. */
export function say(region, message, kind = 'info') {
  region.textContent = message;
  region.dataset.kind = kind;
  region.hidden = !message;
}
