// Canvass live dashboard: draws the results documents of /api/surveys/{id}/results/stream as HTML
// tables with CSS bars. Every bar carries its count and percent as text, so neither colour nor
// length is the only carrier. No inline styles in markup: widths are set through element.style.
(function () {
  'use strict';

  var root = document.getElementById('dashboard');
  if (!root) { return; }

  var status = document.getElementById('live-status');
  var announcer = document.getElementById('live-announcer');
  var needsScript = document.getElementById('needs-script');
  if (needsScript) { needsScript.hidden = true; }

  var streamUrl = root.getAttribute('data-stream');
  var resultsUrl = root.getAttribute('data-results');
  var filterQuery = root.getAttribute('data-filter') || '';
  // Analysts' figures are published states, taken every minGroupSize completes; researchers' are live.
  var exact = root.getAttribute('data-exact') === 'true';
  var minGroupSize = root.getAttribute('data-min-group-size');
  var NUMBER = new Intl.NumberFormat('en-GB');

  // ---- small DOM helpers ----------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      if (arguments[i]) { parent.appendChild(arguments[i]); }
    }
    return parent;
  }
  function count(n) { return (n === undefined || n === null) ? '–' : NUMBER.format(n); }
  function percent(p) {
    return (p === undefined || p === null || isNaN(p)) ? '–' : Number(p).toFixed(1) + '%';
  }
  function ratio(part, whole) { return whole > 0 ? (100 * part / whole) : null; }
  function barTrack(share, full) {
    var track = el('span', 'bar-track');
    track.setAttribute('aria-hidden', 'true');
    var bar = el('span', 'bar' + (full ? ' bar-full' : ''));
    bar.style.width = Math.max(0, Math.min(100, share || 0)) + '%';
    return append(track, bar);
  }
  function headRow(labels) {
    var tr = el('tr');
    labels.forEach(function (label) {
      var th = el('th', null, label);
      th.setAttribute('scope', 'col');
      tr.appendChild(th);
    });
    return append(el('thead'), tr);
  }
  // A table with one row per item: label | count | percent with its bar. barShare scales the bar
  // (percent of the largest bar for funnels, of 100 otherwise).
  function barTable(caption, columns, items) {
    var table = el('table', 'bars');
    append(table, el('caption', 'visually-hidden', caption), headRow(columns));
    var body = el('tbody');
    items.forEach(function (item) {
      var tr = el('tr');
      if (item.code !== undefined) { tr.setAttribute('data-code', item.code); }
      var th = el('th', null, item.label);
      th.setAttribute('scope', 'row');
      var pct = el('td', 'percent');
      append(pct, el('span', 'pct', item.percentText), barTrack(item.share, item.full));
      var countCell = el('td', 'count', item.countText);
      if (item.tag) { append(countCell, document.createTextNode(' '), el('span', 'full-tag', item.tag)); }
      append(tr, th, countCell, pct);
      body.appendChild(tr);
    });
    return append(table, body);
  }
  function chart(id, title, meta) {
    var section = el('section', 'chart');
    section.id = id;
    var heading = el('h3', null, title);
    heading.id = id + '-title';
    section.setAttribute('aria-labelledby', heading.id);
    append(section, heading, meta ? el('p', 'chart-meta', meta) : null);
    return section;
  }
  // Replaces a container's children only where they changed, so that a screen reader's place and
  // the page's scroll position survive the updates that arrive every half second.
  function patch(container, nodes) {
    var wanted = nodes.filter(Boolean);
    wanted.forEach(function (node, index) {
      var current = container.children[index];
      if (!current) {
        container.appendChild(node);
      } else if (current.outerHTML !== node.outerHTML) {
        container.replaceChild(node, current);
      }
    });
    while (container.children.length > wanted.length) {
      container.removeChild(container.lastChild);
    }
  }

  // ---- fieldwork: funnel and quotas (always from the unfiltered document) --------------------
  function renderFieldwork(doc) {
    var funnel = document.getElementById('funnel');
    var quotas = document.getElementById('quotas');
    if (!doc.counts) {
      // A suppressed document carries no totals: keep the last funnel shown.
      return;
    }
    var c = doc.counts;
    var started = c.started || 0;
    var stateNote = document.getElementById('state-note');
    if (stateNote && !exact && doc.completesAtState !== undefined) {
      stateNote.textContent = 'As of ' + count(doc.completesAtState) + ' completes: the figures move on after every '
        + minGroupSize + ' more.';
    }
    var incidence = ratio(c.complete || 0, (c.complete || 0) + (c.screened_out || 0));
    var section = chart('chart-funnel', 'Fieldwork funnel', null);
    var headline = el('dl', 'headline');
    [['Completes', count(c.complete), 'complete'], ['Incidence rate', percent(incidence), 'incidence'],
     ['Still answering', count(c.in_progress), 'in-progress']].forEach(function (pair) {
      append(headline, append(el('div'), el('dt', null, pair[0]), el('dd', 'stat-' + pair[2], pair[1])));
    });
    section.appendChild(headline);
    var stages = [['started', 'Started', c.started], ['screened_out', 'Screened out', c.screened_out],
                  ['quota_full', 'Quota full', c.quota_full], ['complete', 'Complete', c.complete]];
    section.appendChild(barTable('Fieldwork funnel: respondents at each stage, with percent of those who started',
      ['Stage', 'Respondents', '% of started'], stages.map(function (s) {
        var share = ratio(s[2] || 0, started);
        return { code: s[0], label: s[1], countText: count(s[2] || 0), percentText: percent(share), share: share };
      })));
    section.appendChild(el('p', 'chart-meta',
      'Incidence rate = complete ÷ (complete + screened out): the share of people who qualified among those '
      + 'the screening questions decided on.'));
    patch(funnel, [section]);

    var quotaCharts = (doc.quotas || []).map(function (quota) {
      var q = chart('chart-quota-' + quota.id, 'Quota fill: ' + quota.id, 'Completes in each cell against its cap.');
      q.appendChild(barTable('Quota ' + quota.id + ': completes and cap per cell',
        ['Cell', 'Filled / cap', 'Fill'], quota.cells.map(function (cell) {
          var share = ratio(cell.filled, cell.cap);
          var full = cell.cap > 0 && cell.filled >= cell.cap;
          return { code: cell.code, label: cell.label || cell.code,
                   countText: count(cell.filled) + ' / ' + count(cell.cap),
                   percentText: percent(share), share: share, full: full, tag: full ? 'Full' : null };
        })));
      return q;
    });
    patch(quotas, quotaCharts);
  }

  // ---- results: one chart per question (from the filtered document when filters are on) ------
  function optionItems(options) {
    return (options || []).map(function (o) {
      return { code: o.code, label: o.label, countText: count(o.count), percentText: percent(o.percent),
               share: o.percent };
    });
  }
  function choiceChart(q) {
    var meta = count(q.answered) + ' of ' + count(q.n) + ' respondents answered.';
    if (q.type === 'multiple') {
      meta += ' Respondents could choose more than one answer, so percents (of all ' + count(q.n)
        + ') can add up to more than 100%.';
    } else {
      meta += ' Percent of all ' + count(q.n) + '.';
    }
    var section = chart('chart-' + q.id, q.text, meta);
    section.appendChild(barTable(q.text, ['Answer', 'Respondents', 'Percent'], optionItems(q.options)));
    return section;
  }
  function scaleChart(q) {
    var section = chart('chart-' + q.id, q.text,
      count(q.answered) + ' of ' + count(q.n) + ' respondents answered.');
    var points = q.options || [];
    var top = points.slice(-2).map(function (o) { return o.label; }).join(' or ');
    var headline = el('dl', 'headline');
    [['Mean', q.mean == null ? '–' : Number(q.mean).toFixed(2), 'mean'],
     ['Median', q.median == null ? '–' : String(q.median), 'median'],
     ['Top-two-box (' + top + ')', percent(q.topTwoBox), 'top-two-box']].forEach(function (pair) {
      var dd = el('dd', 'stat-' + pair[2], pair[1]);
      append(headline, append(el('div'), el('dt', null, pair[0]), dd));
    });
    section.appendChild(headline);
    var items = optionItems(points);
    if (items.length) {
      if (q.minLabel) { items[0].label += ' – ' + q.minLabel; }
      if (q.maxLabel) { items[items.length - 1].label += ' – ' + q.maxLabel; }
    }
    section.appendChild(barTable(q.text + ': distribution of answers', ['Point', 'Respondents', 'Percent'], items));
    return section;
  }
  function matrixChart(q) {
    var rows = q.rows || [];
    var columns = rows.length ? rows[0].options : [];
    var section = chart('chart-' + q.id, q.text, 'Each row adds up to 100% of those who answered it.');
    var legend = el('ul', 'legend');
    legend.setAttribute('aria-hidden', 'true');
    columns.forEach(function (col, i) {
      append(legend, append(el('li'), el('span', 'swatch seg-' + (i % 7)), document.createTextNode(col.label)));
    });
    var stacks = el('div', 'stacks');
    stacks.setAttribute('aria-hidden', 'true');
    rows.forEach(function (row) {
      var stack = el('div', 'stack');
      row.options.forEach(function (o, i) {
        var share = ratio(o.count, row.answered);
        var seg = el('span', 'seg seg-' + (i % 7), share >= 8 ? Math.round(share) + '%' : '');
        seg.style.width = (share || 0) + '%';
        seg.title = o.label + ': ' + count(o.count) + ' (' + percent(share) + ')';
        stack.appendChild(seg);
      });
      append(stacks, append(el('div', 'stack-row'), el('span', 'stack-label', row.label), stack));
    });
    // The same figures as a table: what screen readers read, and exact numbers for everyone.
    var table = el('table', 'bars matrix-table');
    append(table, el('caption', 'visually-hidden', q.text + ': respondents and percent of the row for each answer'),
      headRow(['Row'].concat(columns.map(function (c) { return c.label; })).concat(['Answered'])));
    var body = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr');
      tr.setAttribute('data-code', row.code);
      var th = el('th', null, row.label);
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      row.options.forEach(function (o) {
        var td = el('td', null, count(o.count) + ' (' + percent(ratio(o.count, row.answered)) + ')');
        td.setAttribute('data-code', o.code);
        tr.appendChild(td);
      });
      tr.appendChild(el('td', 'count', count(row.answered)));
      body.appendChild(tr);
    });
    table.appendChild(body);
    // On a phone the table scrolls sideways: a focusable, named region so keyboards can scroll it too.
    var scroller = el('div', 'table-scroll');
    scroller.setAttribute('tabindex', '0');
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', q.text + ': table');
    append(section, legend, stacks, append(scroller, table));
    return section;
  }
  function textChart(q) {
    return chart('chart-' + q.id, q.text, count(q.answered) + ' of ' + count(q.n)
      + ' respondents wrote an answer. Free-text answers are not shown on the dashboard.');
  }
  function renderResults(doc) {
    var charts = document.getElementById('charts');
    var suppressed = document.getElementById('suppressed');
    var n = document.getElementById('result-n');
    if (doc.suppressed) {
      suppressed.textContent = '';
      append(suppressed,
        el('p', 'suppressed-message', 'Fewer than ' + doc.minGroupSize + ' completes match these filters; '
          + 'results are hidden to protect respondents\u2019 anonymity.'),
        el('p', 'suppressed-detail', 'They are also hidden when fewer than ' + doc.minGroupSize
          + ' completes fall outside the filters, as the difference from the totals would reveal those.'));
      suppressed.hidden = false;
      n.textContent = '';
      patch(charts, []);
      return;
    }
    suppressed.hidden = true;
    suppressed.textContent = '';
    n.textContent = count(doc.n) + (doc.n === 1 ? ' complete' : ' completes')
      + (doc.filters && doc.filters.length ? ' match these filters.' : '.');
    patch(charts, (doc.questions || []).map(function (q) {
      switch (q.type) {
        case 'single': case 'multiple': return choiceChart(q);
        case 'scale': return scaleChart(q);
        case 'matrix': return matrixChart(q);
        case 'text': return textChart(q);
        default: return null; // e-mail addresses are personal data: never on the dashboard
      }
    }));
  }

  // ---- the live connection -------------------------------------------------------------------
  var streams = [];
  var lastState = null;
  function setState(state, text) {
    status.setAttribute('data-state', state);
    status.textContent = text;
    // Announce changes of connection, not every update.
    if (state !== lastState && state !== 'connecting' && (state !== 'live' || lastState !== null)) {
      announcer.textContent = state === 'live' ? 'Live results reconnected.' : text;
    }
    lastState = state;
  }
  function time(iso) {
    var date = iso ? new Date(iso) : new Date();
    if (isNaN(date.getTime())) { date = new Date(); }
    return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }
  function showSignIn() {
    setState('offline', 'Not live: your sign-in has expired. ');
    var link = el('a', null, 'Sign in again');
    link.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
    status.appendChild(link);
  }
  function open(query, onDocument) {
    var url = streamUrl + (query ? '?' + query : '');
    var retry = 1000;
    var stream = { source: null, timer: null, stopped: false };
    function connect() {
      var source = new EventSource(url);
      stream.source = source;
      source.onopen = function () { retry = 1000; };
      source.onmessage = function (event) {
        var doc;
        try { doc = JSON.parse(event.data); } catch (notJson) { return; }
        onDocument(doc);
        setState('live', 'Live · updated ' + time(doc.asOf));
      };
      source.onerror = function () {
        if (stream.stopped) { return; }
        setState('reconnecting', 'Reconnecting…');
        if (source.readyState === EventSource.CLOSED) {
          // The browser gives up on an HTTP error: find out whether the sign-in ran out, else try again.
          fetch(resultsUrl + (query ? '?' + query : ''), { credentials: 'same-origin' }).then(function (r) {
            if (r.status === 401 || r.status === 403) { showSignIn(); return; }
            stream.timer = setTimeout(connect, retry);
            retry = Math.min(retry * 2, 30000);
          }, function () {
            stream.timer = setTimeout(connect, retry);
            retry = Math.min(retry * 2, 30000);
          });
        }
      };
    }
    connect();
    streams.push(stream);
  }
  function stop() {
    streams.forEach(function (s) {
      s.stopped = true;
      clearTimeout(s.timer);
      if (s.source) { s.source.close(); }
    });
    streams = [];
  }

  if (filterQuery) {
    // Funnel and quotas are fieldwork totals: from the unfiltered stream; the charts from the filtered one.
    open('', renderFieldwork);
    open(filterQuery, renderResults);
  } else {
    open('', function (doc) { renderFieldwork(doc); renderResults(doc); });
  }
  window.addEventListener('pagehide', stop);
  // Back from the back-forward cache the streams are closed: start afresh.
  window.addEventListener('pageshow', function (event) { if (event.persisted) { location.reload(); } });

  // For tests and for analysts' consoles: draw a document without the stream.
  window.canvassDashboard = {
    render: function (doc) { renderFieldwork(doc); renderResults(doc); },
    stop: stop
  };
})();
