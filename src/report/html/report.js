// Draws a synergy report from the JSON in #synergy-data: a run, a diff of two runs, or a
// prediction evaluation. Plain DOM and SVG, nothing loaded from anywhere. Every drawn bar and
// point carries its value (data-value, data-measured, ...) in the unit its chart names.
(function () {
  'use strict';
  var started = performance.now();
  var NS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('synergy-data').textContent);
  var root = document.getElementById('report');

  // ---- helpers ------------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function add(parent, child) {
    parent.appendChild(child);
    return child;
  }
  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }
  function num(v, digits) {
    if (!finite(v)) return 'n/a';
    if (v === 0) return '0';
    var a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential((digits || 4) - 1);
    return String(Number(v.toPrecision(digits || 4)));
  }
  function pm(mean, half, unit) {
    return num(mean) + (finite(half) ? ' \u00b1 ' + num(half, 2) : '') + ' ' + unit;
  }
  function section(title, note) {
    var s = add(root, el('section'));
    add(s, el('h2', {}, title));
    if (note) add(s, el('p', { class: 'note' }, note));
    return s;
  }
  function plain(parent, text) {
    return add(parent, el('p', { class: 'missing' }, text));
  }
  function table(parent, header, rows, cls) {
    var t = add(parent, el('table', { class: cls || '' }));
    var tr = add(add(t, el('thead')), el('tr'));
    header.forEach(function (h) { add(tr, el('th', {}, h)); });
    var body = add(t, el('tbody'));
    rows.forEach(function (r) {
      var row = add(body, el('tr'));
      r.forEach(function (c) { add(row, el('td', {}, c)); });
    });
    return t;
  }
  function kv(parent, pairs) {
    var dl = add(parent, el('dl', { class: 'facts' }));
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === '') return;
      add(dl, el('dt', {}, p[0]));
      add(dl, el('dd', {}, p[1]));
    });
    return dl;
  }
  var palette = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#bbbbbb',
    '#332288', '#117733', '#882255', '#44aa99', '#999933'];
  var typeColors = {};
  function colorOf(type) {
    if (!(type in typeColors)) typeColors[type] = palette[Object.keys(typeColors).length % palette.length];
    return typeColors[type];
  }
  // Colour swatches: [[label, colour], ...].
  function swatches(parent, pairs) {
    var p = add(parent, el('p', { class: 'legend' }));
    pairs.forEach(function (k) {
      var s = add(p, el('span'));
      add(s, el('i', { style: 'background:' + k[1] }));
      s.appendChild(document.createTextNode(k[0]));
    });
  }
  function legend(parent, types) {
    swatches(parent, types.map(function (t) { return [t, colorOf(t)]; }));
  }

  // Horizontal bars, one row per item: {label, value, err, type, muted, note}. Bars scale with
  // the largest value plus its error; the scale (px per unit) is on the svg as data-scale.
  function barChart(parent, id, unit, rows, opts) {
    opts = opts || {};
    var labelW = 230, barW = 460, rowH = 15, textW = 290;
    var max = 0;
    rows.forEach(function (r) {
      if (finite(r.value)) max = Math.max(max, r.value + (finite(r.err) ? r.err : 0));
      (r.others || []).forEach(function (o) { if (finite(o.value)) max = Math.max(max, o.value + (finite(o.err) ? o.err : 0)); });
    });
    var scale = max > 0 ? barW / max : 0;
    var per = opts.series || 1;
    var h = rows.length * rowH * per + 24;
    var s = add(parent, svg('svg', {
      class: 'bars', width: labelW + barW + textW, height: h, 'data-chart': id,
      'data-unit': unit, 'data-scale': scale
    }));
    add(s, svg('text', { x: labelW, y: h - 6, class: 'axis' }, '0'));
    add(s, svg('text', { x: labelW + barW, y: h - 6, class: 'axis', 'text-anchor': 'end' }, num(max) + ' ' + unit));
    rows.forEach(function (r, i) {
      var y = i * rowH * per;
      add(s, svg('text', { x: labelW - 4, y: y + rowH * per / 2 + 4, 'text-anchor': 'end', class: r.muted ? 'label muted' : 'label' }, r.label));
      var series = [r].concat(r.others || []);
      series.forEach(function (b, k) {
        var by = y + k * rowH + 2;
        if (!finite(b.value)) {
          add(s, svg('text', { x: labelW + 2, y: by + 10, class: 'absent' }, b.absent || 'not measured'));
          return;
        }
        var w = Math.max(b.value * scale, 0);
        var rect = add(s, svg('rect', {
          x: labelW, y: by, width: w, height: rowH - 4,
          fill: b.color || colorOf(r.type || ''), class: (r.muted ? 'muted ' : '') + (b.cls || ''),
          'data-label': r.label, 'data-value': b.value, 'data-series': b.series || ''
        }));
        add(rect, svg('title', {}, r.label + (b.series ? ' (' + b.series + ')' : '') + ': ' + pm(b.value, b.err, unit) + (r.note ? '\n' + r.note : '')));
        if (finite(b.err) && b.err > 0) {
          var x0 = labelW + Math.max(b.value - b.err, 0) * scale, x1 = labelW + (b.value + b.err) * scale;
          var yc = by + (rowH - 4) / 2;
          add(s, svg('path', { d: 'M' + x0 + ' ' + yc + 'H' + x1 + 'M' + x0 + ' ' + (yc - 3) + 'v6M' + x1 + ' ' + (yc - 3) + 'v6', class: 'whisker', 'data-err': b.err }));
        }
      });
      add(s, svg('text', { x: labelW + barW + 6, y: y + rowH * per / 2 + 4, class: 'value' }, r.text !== undefined ? r.text : pm(r.value, r.err, unit)));
    });
    return s;
  }

  // Axes of a scatter on [x0,x1] x [y0,y1], linear or log10; returns the mapping functions.
  function axes(s, box, xr, yr, log, xlabel, ylabel) {
    function m(v, r, a, b, flip) {
      var t = log ? (Math.log10(v) - Math.log10(r[0])) / (Math.log10(r[1]) - Math.log10(r[0])) : (v - r[0]) / (r[1] - r[0]);
      return flip ? b - t * (b - a) : a + t * (b - a);
    }
    var fx = function (v) { return m(v, xr, box.x, box.x + box.w, false); };
    var fy = function (v) { return m(v, yr, box.y, box.y + box.h, true); };
    add(s, svg('rect', { x: box.x, y: box.y, width: box.w, height: box.h, class: 'frame' }));
    function ticks(r) {
      var out = [];
      if (log) {
        for (var e = Math.ceil(Math.log10(r[0])); e <= Math.floor(Math.log10(r[1])); e++) out.push(Math.pow(10, e));
      } else {
        var step = Math.pow(10, Math.floor(Math.log10((r[1] - r[0]) / 4 || 1)));
        if ((r[1] - r[0]) / step > 10) step *= 2;
        if ((r[1] - r[0]) / step > 10) step *= 2.5;
        for (var v = Math.ceil(r[0] / step) * step; v <= r[1] + 1e-12; v += step) out.push(v);
      }
      return out;
    }
    ticks(xr).forEach(function (v) {
      add(s, svg('line', { x1: fx(v), x2: fx(v), y1: box.y, y2: box.y + box.h, class: 'grid' }));
      add(s, svg('text', { x: fx(v), y: box.y + box.h + 14, 'text-anchor': 'middle', class: 'axis' }, num(v, 3)));
    });
    ticks(yr).forEach(function (v) {
      add(s, svg('line', { x1: box.x, x2: box.x + box.w, y1: fy(v), y2: fy(v), class: 'grid' }));
      add(s, svg('text', { x: box.x - 4, y: fy(v) + 4, 'text-anchor': 'end', class: 'axis' }, num(v, 3)));
    });
    add(s, svg('text', { x: box.x + box.w / 2, y: box.y + box.h + 32, 'text-anchor': 'middle', class: 'axis-label' }, xlabel));
    add(s, svg('text', { x: 14, y: box.y + box.h / 2, 'text-anchor': 'middle', class: 'axis-label', transform: 'rotate(-90 14 ' + (box.y + box.h / 2) + ')' }, ylabel));
    return { x: fx, y: fy };
  }

  // ---- a run ----------------------------------------------------------------------------------

  function ms(ns) { return finite(ns) ? ns * 1e-6 : NaN; }
  function mj(j) { return finite(j) ? j * 1e3 : NaN; }

  function layerNote(l) {
    if (l.view) return 'a view of its input: no kernel, no data moved';
    if (l.fused_into) return 'fused into ' + l.fused_into + ': its time is in that kernel';
    return l.note || '';
  }
  function layerLabel(l) {
    return l.name + (l.view ? ' (view)' : l.fused_into ? ' (fused)' : '');
  }

  function contextFacts(parent, rec) {
    var c = rec.context;
    kv(parent, [
      ['network', rec.model],
      ['started', c.started_at],
      ['host', c.host],
      ['CPU', c.cpu_model],
      ['GPU', c.gpu ? c.gpu + (c.driver ? ' (driver ' + c.driver + ')' : '') : ''],
      ['backend', c.backend + ', ' + c.threads + ' thread' + (c.threads === 1 ? '' : 's') + ', batch ' + c.batch + ', ' + c.precision + (c.cuda_graph ? ', CUDA graph' : '')],
      ['governor', c.governor],
      ['OpenMP wait', c.openmp_wait],
      ['libraries', Object.keys(c.libraries || {}).map(function (k) { return k + ' ' + c.libraries[k]; }).join(', ')],
      ['energy source', c.energy_source === 'none' ? 'none' : c.energy_source + (c.energy_domain ? '/' + c.energy_domain : '') + ' (' + c.energy_provenance.replace(/_/g, ' ') + ')'],
      ['synergy', c.synergy_version + (c.git_commit ? ' (' + c.git_commit + ')' : '') + ', ' + c.build_type]
    ]);
  }

  function headline(parent, rec) {
    var n = rec.network;
    var t = n.time_ns;
    var facts = [['time per inference', pm(ms(t.mean), ms(t.ci95), 'ms') + ' (95 % CI, ' + t.count + ' samples, measured)']];
    if (n.energy_j) {
      facts.push(['energy per inference', pm(mj(n.energy_j.mean), mj(n.energy_j.ci95), 'mJ') + ' (95 % CI, ' + n.energy_j.count + ' samples, ' + rec.context.energy_provenance.replace(/_/g, ' ') + ')']);
      if (finite(n.idle_power_w)) facts.push(['idle power', num(n.idle_power_w) + ' W']);
    } else {
      facts.push(['energy', 'not measured: ' + (rec.context.energy_unavailable_reason || 'no sensor')]);
    }
    if (rec.closure) facts.push(['closure', 'layers ' + num(mj(rec.closure.layers_j)) + ' mJ vs network ' + num(mj(rec.closure.network_j)) + ' mJ (' + num(rec.closure.difference_pct, 3) + ' %, ' + rec.closure.basis + ')']);
    if (rec.attribution) facts.push(['attribution', rec.attribution + (rec.uncertainty_kind ? '; intervals: ' + rec.uncertainty_kind : '')]);
    if (finite(rec.overhead_pct)) facts.push(['profiling overhead', num(rec.overhead_pct, 3) + ' % of end-to-end latency']);
    if (rec.partial) facts.push(['partial', 'interrupted: what was measured so far']);
    var box = add(parent, el('div', { class: 'headline', id: 'headline', 'data-time-ms': ms(t.mean) }));
    kv(box, facts);
    var warn = (rec.warnings || []).concat(rec.sensor_faults || []);
    if (warn.length) {
      var ul = add(parent, el('ul', { class: 'warnings' }));
      warn.forEach(function (w) { add(ul, el('li', {}, w)); });
    }
  }

  function layerTimes(parent, rec) {
    var rows = rec.layers.map(function (l) {
      return {
        label: layerLabel(l), type: l.type, value: ms(l.time_ns.mean), err: ms(l.time_ns.ci95),
        muted: !!(l.view || l.fused_into), note: layerNote(l)
      };
    });
    var s = section('Time per layer', 'Mean per inference with its 95 % confidence interval (measured, ' +
      (rec.layers.length ? rec.layers[0].time_ns.count : 0) + ' timed runs per layer). Fused layers and views are greyed: their time is in the kernel named in the tooltip.');
    legend(s, Object.keys(rec.layers.reduce(function (a, l) { a[l.type] = 1; return a; }, {})));
    barChart(s, 'layer-time', 'ms', rows);
  }

  function layerEnergy(parent, rec) {
    var s = section('Energy per layer', rec.attribution ? 'Attributed per inference by ' + rec.attribution + ' attribution, with its 95 % interval (' + rec.context.energy_provenance.replace(/_/g, ' ') + ').' : '');
    if (!rec.layers.some(function (l) { return l.energy; })) {
      plain(s, 'No per-layer energy: ' + (rec.context.energy_unavailable_reason || (rec.network.energy_j ? 'the run was not attributed' : 'no energy sensor was read')));
      return;
    }
    var rows = rec.layers.filter(function (l) { return !l.view && !l.fused_into; }).map(function (l) {
      var e = l.energy;
      return {
        label: l.name, type: l.type, value: e ? mj(e.energy_j) : NaN, err: e ? mj(e.energy_uncertainty_j) : NaN,
        absent: 'no energy attributed', note: e ? 'power ' + pm(e.power_w, e.power_uncertainty_w, 'W') + ', ' + e.samples + ' samples' : '',
        text: e ? pm(mj(e.energy_j), mj(e.energy_uncertainty_j), 'mJ') + ' @ ' + num(e.power_w, 3) + ' W' : 'not attributed'
      };
    });
    barChart(s, 'layer-energy', 'mJ', rows);
  }

  function typeShare(parent, rec) {
    var types = rec.by_type || [];
    var s = section('Share by layer type', 'Sum over each type\'s layers per inference; energy where attributed (its interval adds the layers\' half-widths, a bound).');
    if (!types.length) { plain(s, 'No layers.'); return; }
    var rows = types.map(function (t) {
      var e = finite(t.energy_j) ? mj(t.energy_j) : NaN;
      return {
        label: t.type + ' (' + t.layers + ' layers, ' + t.kernels + ' kernels)', type: t.type,
        value: 100 * t.time_share, series: 'time',
        text: num(ms(t.time_ns), 3) + ' ms, ' + num(100 * t.time_share, 3) + ' %' + (finite(e) ? '; ' + num(e, 3) + ' mJ' : '')
      };
    });
    barChart(s, 'type-share', '% of time', rows);
  }

  function timelineChart(parent, rec) {
    var tl = data.timeline;
    var s = section('Power and layers over time', tl ? 'The first ' + tl.iterations + ' of ' + tl.iterations_recorded + ' recorded inferences; power is the mean over each sensor update interval.' : '');
    if (!tl) { plain(s, 'No timeline: ' + (data.timeline_missing || 'not recorded')); return; }
    var W = 900, box = { x: 60, y: 10, w: W - 80, h: 180 };
    var pts = tl.power ? tl.power.points.filter(function (p) { return finite(p[1]); }) : [];
    var pmax = 0, pmin = Infinity;
    pts.forEach(function (p) { pmax = Math.max(pmax, p[1]); pmin = Math.min(pmin, p[1]); });
    var t1 = tl.window_us[1] || 1;
    var c = add(s, svg('svg', { width: W, height: box.y + box.h + 90, 'data-chart': 'timeline' }));
    var yr = pts.length ? [0, pmax > 0 ? pmax * 1.1 : 1] : [0, 1];
    var f = axes(c, box, [0, t1 / 1000], yr, false, 'time since the first inference (ms)', pts.length ? 'power (W)' : '');
    tl.spans.forEach(function (sp) {
      var name = tl.layer_names[sp[0]];
      var type = rec.layers[sp[0]] ? rec.layers[sp[0]].type : '';
      var x0 = f.x(sp[1] / 1000), x1 = f.x(sp[2] / 1000);
      var r = add(c, svg('rect', { x: x0, y: box.y + box.h + 40, width: Math.max(x1 - x0, 0.5), height: 12, fill: colorOf(type), 'data-layer': name }));
      add(r, svg('title', {}, name + ' (' + type + '): ' + num((sp[2] - sp[1]) / 1000, 3) + ' ms'));
    });
    if (pts.length) {
      var d = pts.map(function (p, i) { return (i ? 'L' : 'M') + f.x(Math.min(Math.max(p[0], 0), t1) / 1000) + ' ' + f.y(p[1]); }).join('');
      add(c, svg('path', { d: d, class: 'power', 'data-points': pts.length, 'data-max-w': pmax, 'data-min-w': pmin }));
      add(s, el('p', { class: 'note' }, 'power: ' + tl.power.label + ' (' + tl.power.provenance + '), ' + num(pmin, 3) + '\u2013' + num(pmax, 3) + ' W over this window'));
    } else {
      plain(s, 'No power readings in this window (no sensor, or none that reports power).');
    }
  }

  function countersTable(parent, rec) {
    var names = rec.context.counters || [];
    var s = section('Counters per layer', 'Per inference, mean over the counting runs. Provenance: ' +
      (names.map(function (n) { return n + ' ' + ((rec.context.counter_provenance || {})[n] || 'counted'); }).join('; ') || 'none'));
    var un = rec.context.counters_unavailable || {};
    Object.keys(un).forEach(function (k) { plain(s, k + ': not counted (' + un[k] + ')'); });
    if (!names.length) { plain(s, 'No counters were measured (profile with --counters).'); return; }
    var rows = rec.layers.filter(function (l) { return !l.view && !l.fused_into; }).map(function (l) {
      return [l.name, l.type].concat(names.map(function (n) { return n in l.counters ? num(l.counters[n], 4) : 'n/a'; }));
    });
    table(s, ['layer', 'type'].concat(names), rows, 'counters');
  }

  function roofline(parent, rec) {
    var s = section('Roofline', 'Achieved GFLOP/s (2 \u00d7 MACs over the measured mean time) against arithmetic intensity (2 \u00d7 MACs over the layer\'s minimum traffic: inputs, weights and outputs once). Only layers with MACs and a kernel of their own; no roof is drawn, as the device\'s peaks are not known here.');
    if (!data.costs) { plain(s, 'No roofline: ' + (data.costs_missing || 'the layers\' costs are unknown')); return; }
    var pts = [];
    rec.layers.forEach(function (l, i) {
      var c = data.costs[i];
      if (!c || l.view || l.fused_into || !(c.macs > 0) || !(c.min_traffic_bytes > 0) || !(l.time_ns.mean > 0)) return;
      pts.push({ l: l, ai: 2 * c.macs / c.min_traffic_bytes, gf: 2 * c.macs / l.time_ns.mean, c: c });
    });
    if (!pts.length) { plain(s, 'No layer has MACs and a time of its own.'); return; }
    function range(vals) {
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
      return [Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)) + (hi === lo ? 1 : 0))];
    }
    var c = add(s, svg('svg', { width: 700, height: 420, 'data-chart': 'roofline' }));
    var f = axes(c, { x: 70, y: 10, w: 610, h: 360 }, range(pts.map(function (p) { return p.ai; })), range(pts.map(function (p) { return p.gf; })), true, 'arithmetic intensity (FLOP/byte)', 'achieved GFLOP/s');
    pts.forEach(function (p) {
      var dot = add(c, svg('circle', { cx: f.x(p.ai), cy: f.y(p.gf), r: 4, fill: colorOf(p.l.type), 'data-layer': p.l.name, 'data-gflops': p.gf, 'data-intensity': p.ai }));
      add(dot, svg('title', {}, p.l.name + ' (' + p.l.type + ', ' + p.c.shapes + '): ' + num(p.gf, 3) + ' GFLOP/s at ' + num(p.ai, 3) + ' FLOP/byte'));
    });
    legend(s, Object.keys(pts.reduce(function (a, p) { a[p.l.type] = 1; return a; }, {})));
  }

  function drawRun() {
    var rec = data.record;
    add(root, el('h1', {}, 'synergy profile: ' + rec.model));
    contextFacts(root, rec);
    headline(root, rec);
    layerTimes(root, rec);
    layerEnergy(root, rec);
    typeShare(root, rec);
    timelineChart(root, rec);
    countersTable(root, rec);
    roofline(root, rec);
  }

  // ---- a diff -------------------------------------------------------------------------------

  function diffText(d, unit) {
    if (!d) return 'n/a';
    return (d.delta >= 0 ? '+' : '') + num(d.delta, 3) + (finite(d.half_width_95) ? ' \u00b1 ' + num(d.half_width_95, 2) : '') + ' ' + unit +
      (finite(d.delta_pct) ? ' (' + (d.delta_pct >= 0 ? '+' : '') + num(d.delta_pct, 3) + ' %)' : '') + (d.significant ? ' *' : '');
  }

  function drawDiff() {
    var d = data.diff, la = data.labels[0], lb = data.labels[1];
    add(root, el('h1', {}, 'synergy diff: ' + d.model_a + ' ' + la + ' \u2192 ' + d.model_b + ' ' + lb));
    var s = section('Runs', 'B \u2212 A with the 95 % half-width of the difference (' + d.interval + '); * marks a difference whose interval leaves out zero.');
    var head = add(s, el('div', { class: 'pair' }));
    data.records.forEach(function (rec, i) {
      var box = add(head, el('div'));
      add(box, el('h3', {}, (i ? 'B: ' + lb : 'A: ' + la)));
      contextFacts(box, rec);
    });
    kv(s, [['time per inference', diffText(d.network.time_ms, 'ms')], ['energy per inference', d.network.energy_mj ? diffText(d.network.energy_mj, 'mJ') : 'not measured in both runs']]);
    if (d.context_changes.length) {
      var ul = add(s, el('ul', { class: 'warnings' }));
      d.context_changes.forEach(function (c) { add(ul, el('li', {}, c)); });
    }
    var inA = {}, inB = {};
    data.records[0].layers.forEach(function (l) { inA[l.name] = l; });
    data.records[1].layers.forEach(function (l) { inB[l.name] = l; });
    function bars(key, unit, id, title) {
      var sec = section(title, 'A above B per layer; the text gives B \u2212 A.');
      var rows = d.layers.map(function (l) {
        var x = l[key];
        var own = inA[l.name] || inB[l.name] || l;
        return {
          label: layerLabel(own), type: l.type, muted: !!(own.view || own.fused_into), value: x ? x.a : NaN, err: NaN, color: '#4477aa', series: 'A', cls: 'a',
          absent: !l.in_a ? 'only in B' : 'n/a',
          others: [{ value: x ? x.b : NaN, color: '#ee6677', series: 'B', cls: 'b', absent: !l.in_b ? 'only in A' : 'n/a' }],
          text: diffText(x, unit), note: l.note
        };
      });
      swatches(sec, [['A: ' + la, '#4477aa'], ['B: ' + lb, '#ee6677']]);
      barChart(sec, id, unit, rows, { series: 2 });
    }
    bars('time_ms', 'ms', 'diff-time', 'Time per layer');
    if (d.layers.some(function (l) { return l.energy_mj; })) bars('energy_mj', 'mJ', 'diff-energy', 'Energy per layer');
    else plain(section('Energy per layer'), 'No layer has energy in both runs.');
  }

  // ---- an evaluation ------------------------------------------------------------------------

  function drawEvaluation() {
    var doc = data.evaluation;
    add(root, el('h1', {}, 'synergy evaluation: predicted against measured'));
    doc.evaluations.forEach(function (e, k) {
      var sm = e.summary;
      var s = section(e.model + ' (' + e.method + ')', sm.networks + ' held-out networks: relative error ' + num(100 * sm.mean_relative_error, 3) + ' % mean, ' + num(100 * sm.median_relative_error, 3) + ' % median, ' + num(100 * sm.max_relative_error, 3) + ' % max; ' + num(100 * sm.within_10_percent, 3) + ' % of networks within \u00b110 %; the band is \u00b110 % of the measured value. Predicted values are model estimates.');
      var nets = e.networks;
      var hi = 0;
      nets.forEach(function (n) { hi = Math.max(hi, n.measured, n.predicted); });
      hi = hi > 0 ? hi * 1.1 : 1;
      var c = add(s, svg('svg', { width: 560, height: 520, 'data-chart': 'evaluation-' + k }));
      var f = axes(c, { x: 70, y: 10, w: 470, h: 460 }, [0, hi], [0, hi], false, 'measured ' + (e.target || ''), 'predicted ' + (e.target || ''));
      add(c, svg('path', { d: 'M' + f.x(0) + ' ' + f.y(0) + 'L' + f.x(hi / 1.1) + ' ' + f.y(hi) + 'L' + f.x(hi) + ' ' + f.y(hi) + 'L' + f.x(hi) + ' ' + f.y(hi * 0.9) + 'Z', class: 'band' }));
      add(c, svg('path', { d: 'M' + f.x(0) + ' ' + f.y(0) + 'L' + f.x(hi) + ' ' + f.y(hi), class: 'diagonal' }));
      nets.forEach(function (n) {
        var inside = Math.abs(n.predicted - n.measured) <= 0.1 * Math.abs(n.measured);
        var dot = add(c, svg('circle', { cx: f.x(n.measured), cy: f.y(Math.min(n.predicted, hi)), r: 5, class: inside ? 'inside' : 'outside', 'data-network': n.network, 'data-measured': n.measured, 'data-predicted': n.predicted }));
        add(dot, svg('title', {}, n.network + ': measured ' + num(n.measured) + ', predicted ' + num(n.predicted) + ' (' + num(100 * n.relative_error, 3) + ' %)'));
      });
      table(s, ['network', 'measured', 'predicted', 'relative error %', 'left out'], nets.map(function (n) {
        return [n.network, num(n.measured), num(n.predicted), num(100 * n.relative_error, 3), n.left_out || ''];
      }));
    });
  }

  ({ run: drawRun, diff: drawDiff, evaluation: drawEvaluation })[data.kind]();
  document.body.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
  document.body.setAttribute('data-rendered', data.kind);
}());
