// The cluster console: signs in with the admin token (kept in sessionStorage, sent in the
// Authorization header only), then refreshes the cluster view and every node's stats every few
// seconds. Actions ask for confirmation first.
import { api } from './api.js';
import { intervalFigures } from './admin-stats.js';
import { LineChart, perSecond, milliseconds } from './admin-charts.js';
import { cell, row, confirmedButton, when } from './admin-dom.js';
import { HostPanel } from './admin-host.js';

const REFRESH_MS = 2000;
const TOKEN_KEY = 'scheduler.adminToken';
const $ = id => document.getElementById(id);

let token = sessionStorage.getItem(TOKEN_KEY);
let previousStats = null;
let timer = null;
let charts = null;

function status(message, isError) {
  const p = $('console-status');
  p.hidden = !message;
  p.textContent = message || '';
  p.classList.toggle('error', !!isError);
}

async function signIn(candidate) {
  try {
    await api('/api/v1/admin/cluster', { token: candidate });
  } catch (e) {
    status(e.status === 401 || e.status === 403 ? 'That is not the admin token.' : e.message, true);
    return;
  }
  token = candidate;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('admin-token').value = '';
  showConsole();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  token = null;
  clearInterval(timer);
  $('console').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in-section').hidden = false;
  status('');
}

function showConsole() {
  $('sign-in-section').hidden = true;
  $('console').hidden = false;
  $('sign-out').hidden = false;
  status('');
  if (!charts) {
    const box = $('charts');
    charts = {
      bookings: new LineChart(box, 'rate-bookings', 'Bookings per second', perSecond),
      conflicts: new LineChart(box, 'rate-409', '409s per second', perSecond),
      unavailable: new LineChart(box, 'rate-503', '503s per second', perSecond),
      bookingP99: new LineChart(box, 'p99-booking', 'Booking p99', milliseconds),
      journalP99: new LineChart(box, 'p99-journal', 'Journal write p99', milliseconds),
    };
  }
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, REFRESH_MS);
}

async function refresh() {
  try {
    const [cluster, stats] = await Promise.all([
      api('/api/v1/admin/cluster', { token }),
      api('/api/v1/admin/stats', { token }),
    ]);
    renderMembers(cluster, stats);
    renderShards(cluster);
    renderCharts(stats);
    renderProblems(stats);
    status('');
  } catch (e) {
    if (e.status === 401 || e.status === 403) {
      signOut();
      status('The admin token was refused; sign in again.', true);
      return;
    }
    status('Could not refresh: ' + e.message, true);
  }
}

function renderMembers(cluster, stats) {
  $('served-by').textContent = 'served by ' + cluster.selfAddress;
  const upSince = new Map(stats.nodes.map(n => [n.address, n.upSince]));
  const body = $('members').tBodies[0];
  body.replaceChildren(...cluster.members.map(m => {
    const unreachable = !m.reachable || m.unreachableBy.length > 0;
    const reach = unreachable
      ? 'unreachable' + (m.unreachableBy.length ? ' (by ' + m.unreachableBy.join(', ') + ')' : '')
      : 'reachable';
    const tr = row([
      cell(m.address, 'address'),
      cell(m.status + (m.address === cluster.leader ? ' · leader' : '')),
      cell(m.roles.join(', ')),
      cell(upSince.has(m.address) ? when(upSince.get(m.address)) : 'no answer'),
      cell(reach),
      confirmedButton('Leave', 'Make ' + m.address + ' leave the cluster? Its shards move to the others first.',
          () => leave(m.address)),
    ]);
    tr.dataset.address = m.address;
    tr.classList.toggle('unreachable', unreachable);
    tr.classList.toggle('self', m.address === cluster.selfAddress);
    return tr;
  }));
  const sbr = cluster.splitBrainResolver;
  $('sbr').textContent = `Split-brain resolver: ${sbr.strategy}, stable after ${sbr.stableAfter}; `
      + (sbr.state === 'stable' ? 'stable, every member reachable.'
        : `deciding: ${sbr.unreachableMembers} member(s) unreachable; the majority side downs the other once the `
          + 'view has not changed for the stable-after time.');
  $('sbr').dataset.state = sbr.state;
}

async function leave(address) {
  try {
    await api('/api/v1/admin/cluster/leave', { method: 'POST', token, body: { address } });
    status(address + ' is leaving the cluster.');
  } catch (e) {
    status('Could not ask ' + address + ' to leave: ' + e.message, true);
  }
}

function renderShards(cluster) {
  $('shards').tBodies[0].replaceChildren(...cluster.shardRegions.map(r => row([
    cell(r.entityType), cell(r.address, 'address'), cell(r.shards), cell(r.entities)])));
}

function renderCharts(stats) {
  const figures = previousStats ? intervalFigures(previousStats, stats) : null;
  previousStats = stats;
  if (!figures) {
    return;
  }
  charts.bookings.push(figures.bookingsPerSecond);
  charts.conflicts.push(figures.conflictsPerSecond);
  charts.unavailable.push(figures.unavailablePerSecond);
  charts.bookingP99.push(figures.bookingP99Seconds);
  charts.journalP99.push(figures.journalWriteP99Seconds);
}

function renderProblems(stats) {
  const problems = stats.nodes.flatMap(n => n.recentProblems.map(p => ({ ...p, node: n.address })))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, 20);
  $('problems').replaceChildren(...problems.map(p => {
    const li = document.createElement('li');
    li.textContent = `${when(p.at)} ${p.level} ${p.node} ${p.logger}: ${p.message}`;
    return li;
  }));
  if (problems.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No warnings or errors logged since the nodes started.';
    $('problems').append(li);
  }
}

const hostPanel = new HostPanel(() => token, status);
$('sign-in-form').addEventListener('submit', e => {
  e.preventDefault();
  signIn($('admin-token').value.trim());
});
$('sign-out').addEventListener('click', signOut);
$('host-form').addEventListener('submit', e => {
  e.preventDefault();
  hostPanel.show($('host-id').value.trim());
});
if (token) {
  showConsole();
}
