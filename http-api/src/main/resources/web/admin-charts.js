// Small line charts drawn as SVG: the last 60 samples of one figure, with its current value.

const SAMPLES = 60;
const SVG = 'http://www.w3.org/2000/svg';

export class LineChart {
  constructor(container, id, title, format) {
    this.values = [];
    this.format = format;
    const box = document.createElement('figure');
    box.className = 'chart';
    box.id = 'chart-' + id;
    const caption = document.createElement('figcaption');
    caption.textContent = title;
    this.value = document.createElement('div');
    this.value.className = 'value';
    this.value.id = id;
    this.value.textContent = '…';
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('viewBox', `0 0 ${SAMPLES - 1} 100`);
    this.svg.setAttribute('preserveAspectRatio', 'none');
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute('aria-label', title + ', last ' + SAMPLES + ' samples');
    this.line = document.createElementNS(SVG, 'polyline');
    this.line.setAttribute('vector-effect', 'non-scaling-stroke');
    this.svg.append(this.line);
    box.append(caption, this.value, this.svg);
    container.append(box);
  }

  /** A new sample; null is "nothing measured in this interval" and draws as zero. */
  push(sample) {
    this.values.push(sample);
    if (this.values.length > SAMPLES) {
      this.values.shift();
    }
    this.value.textContent = this.format(sample);
    this.value.dataset.raw = sample === null ? '' : String(sample);
    const finite = this.values.map(v => (v === null || !Number.isFinite(v)) ? 0 : v);
    const top = Math.max(...finite, 1e-9);
    const offset = SAMPLES - finite.length;
    this.line.setAttribute('points', finite.map((v, i) => `${i + offset},${100 - (v / top) * 95}`).join(' '));
  }
}

export function perSecond(value) {
  return value === null ? '–' : value.toFixed(1) + ' /s';
}

export function milliseconds(seconds) {
  if (seconds === null) {
    return '–';
  }
  return Number.isFinite(seconds) ? '≤ ' + Math.round(seconds * 1000) + ' ms' : 'over the largest bucket';
}
