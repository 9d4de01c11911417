// Small DOM helpers for the console: rows of text cells, and buttons that ask before they act.

export function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  return td;
}

export function row(cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

/** A button that runs {@code action} only once the operator confirms {@code question}. */
export function confirmedButton(label, question, action, id) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  if (id) {
    button.id = id;
  }
  button.addEventListener('click', async () => {
    if (!window.confirm(question)) {
      return;
    }
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  const td = document.createElement('td');
  td.append(button);
  return td;
}

export function when(instant) {
  return instant ? new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

/** How long ago, in words an operator reads at a glance ("12 s", "3 min", "2 h"). */
export function ago(instant, now = Date.now()) {
  if (!instant) {
    return '';
  }
  const seconds = Math.max(0, Math.round((now - Date.parse(instant)) / 1000));
  if (seconds < 120) {
    return seconds + ' s';
  }
  if (seconds < 7200) {
    return Math.round(seconds / 60) + ' min';
  }
  return Math.round(seconds / 3600) + ' h';
}
