// Ledgerline kpi-service dashboard: plain JavaScript, no build step, no external resource.
(function () {
  'use strict';

  var HEADLINE = [
    ['LEADS_COUNT', 'Leads'],
    ['LEAD_QUALIFICATION_RATE', 'Lead qualification rate'],
    ['LEAD_CONVERSION_RATE', 'Lead conversion rate'],
    ['DEALS_WON_COUNT', 'Deals won'],
    ['DEALS_LOST_COUNT', 'Deals lost'],
    ['WIN_RATE', 'Win rate'],
    ['AVG_WON_DEAL_AMOUNT', 'Average won deal'],
    ['AVG_LOST_DEAL_AMOUNT', 'Average lost deal'],
    ['AVG_DEAL_SIZE', 'Average deal size'],
    ['AVG_TIME_TO_CLOSE_DAYS', 'Average time to close'],
    ['OPEN_DEALS_COUNT', 'Open deals'],
    ['PIPELINE_VALUE', 'Pipeline value'],
    ['WEIGHTED_PIPELINE_VALUE', 'Weighted pipeline']
  ];
  var REFRESH_MS = 5000;
  // The bearer token of the API: pasted into the form, or passed once as #token=… (what ./ledgerline up prints);
  // kept for this tab only (sessionStorage) and never put into the address bar's history.
  var TOKEN_KEY = 'ledgerline.token';
  var timer = null;
  var latestLoad = 0;
  var $ = function (id) { return document.getElementById(id); };

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function num(x, digits) {
    return Number(x).toLocaleString(undefined, { maximumFractionDigits: digits });
  }

  /** A value with its unit: "—" for null. */
  function fmt(value, unit, currency) {
    if (value === null || value === undefined) return '—';
    switch (unit) {
      case 'RATIO': return num(Number(value) * 100, 1) + ' %';
      case 'AMOUNT': return num(value, 2) + (currency ? ' ' + currency : '');
      case 'DAYS': return num(value, 1) + ' d';
      default: return num(value, 2);
    }
  }

  // The two REST endpoints the page reads.
  function kpisUrl(tenant, params) {
    return '/api/tenants/' + encodeURIComponent(tenant) + '/kpis?' + new URLSearchParams(params).toString();
  }
  function seriesUrl(tenant, kpi, params) {
    return '/api/tenants/' + encodeURIComponent(tenant) + '/kpis/' + encodeURIComponent(kpi) + '/series?' +
      new URLSearchParams(params).toString();
  }

  function token() {
    return $('token').value.trim();
  }

  /** GET JSON; a non-2xx answer becomes an Error with a readable message from its problem body. */
  function getJson(url) {
    var headers = { Accept: 'application/json' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    return fetch(url, { headers: headers }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (res.ok) return body;
        var msg = (body && (body.title || body.detail)) ? (body.title || '') + (body.detail ? ': ' + body.detail : '')
          : 'HTTP ' + res.status;
        if (body && Array.isArray(body.violations)) {
          body.violations.forEach(function (v) { msg += '\n' + (v.field || '') + ': ' + (v.message || ''); });
        }
        if (res.status === 401) msg += '\nEnter a valid token of the tenant (locally: ./ledgerline token --tenant ' +
          $('tenant').value.trim() + ' --role viewer).';
        throw new Error(msg + ' (' + res.status + ')');
      });
    });
  }

  function byKpi(values) {
    var m = {};
    values.forEach(function (v) { (m[v.dimensionValue] = m[v.dimensionValue] || {})[v.kpi] = v; });
    return m;
  }

  function tooltip(v) {
    if (!v) return '';
    var t = 'numerator: ' + (v.numerator == null ? '—' : v.numerator) +
      ', denominator: ' + (v.denominator == null ? '—' : v.denominator);
    if (v.period) t += '\nperiod: ' + v.period + ' (' + v.periodStart + ' to ' + v.periodEnd + ')';
    return t;
  }

  function flag(v) {
    return v && v.unconvertedDealCount > 0
      ? '<span class="flag" title="' + esc(v.unconvertedDealCount + ' deal(s) in another currency could not be converted and are left out') +
        '">' + esc(v.unconvertedDealCount) + ' unconverted</span>'
      : '';
  }

  function renderCards(values) {
    var all = byKpi(values)['*'] || {};
    $('cards').innerHTML = HEADLINE.map(function (h) {
      var v = all[h[0]];
      return '<div class="card" data-kpi="' + h[0] + '" title="' + esc(tooltip(v)) + '">' +
        '<div class="label">' + esc(h[1]) + '</div>' +
        '<div class="value">' + esc(v ? fmt(v.value, v.unit, v.currency) : '—') + flag(v) + '</div></div>';
    }).join('');
  }

  function cell(v, field) {
    var value = v ? v[field] : null;
    var text = v ? fmt(value, v.unit, v.currency) : '—';
    return '<td class="num" title="' + esc(tooltip(v)) + '">' + esc(text) + flag(v) + '</td>';
  }

  /** The owner's display name (ownerName, from crm.owners.v1), else its id; '' is the records without owner. */
  function ownerLabel(kpis, id) {
    var named = Object.keys(kpis).map(function (kpi) { return kpis[kpi].ownerName; }).filter(Boolean);
    if (named.length > 0) return named[0];
    return id === '' ? '(no owner)' : id;
  }

  function renderOwners(values) {
    var m = byKpi(values);
    var owners = Object.keys(m).map(function (id) { return { id: id, label: ownerLabel(m[id], id) }; })
      .sort(function (a, b) { return a.label.localeCompare(b.label) || a.id.localeCompare(b.id); });
    $('owners').tBodies[0].innerHTML = owners.length === 0
      ? '<tr><td colspan="6" class="empty">No owner has data.</td></tr>'
      : owners.map(function (o) {
        var k = m[o.id];
        return '<tr><td title="' + esc('owner id: ' + o.id) + '">' + esc(o.label) + '</td>' +
          cell(k.DEALS_WON_COUNT, 'value') + cell(k.AVG_WON_DEAL_AMOUNT, 'numerator') +
          cell(k.WIN_RATE, 'value') + cell(k.PIPELINE_VALUE, 'value') + cell(k.WEIGHTED_PIPELINE_VALUE, 'value') + '</tr>';
      }).join('');
  }

  function renderPipelines(values) {
    var m = byKpi(values);
    var pipelines = Object.keys(m).sort();
    $('pipelines').tBodies[0].innerHTML = pipelines.length === 0
      ? '<tr><td colspan="3" class="empty">No pipeline has data.</td></tr>'
      : pipelines.map(function (p) {
        var k = m[p];
        // '' is the deals whose CRM named no pipeline.
        return '<tr><td>' + esc(p === '' ? '(no pipeline)' : p) + '</td>' + cell(k.OPEN_DEALS_COUNT, 'value') +
          cell(k.PIPELINE_VALUE, 'value') + '</tr>';
      }).join('');
  }

  /** Inline SVG bars of the won amount (AVG_WON_DEAL_AMOUNT numerator) per month. */
  function renderChart(series) {
    var points = (series.series && series.series[0]) ? series.series[0].points : [];
    if (points.length === 0) { $('chart').innerHTML = '<p class="empty">No data.</p>'; return; }
    var W = 720, H = 220, top = 20, bottom = 36, left = 8;
    var max = Math.max.apply(null, points.map(function (p) { return Number(p.numerator || 0); })) || 1;
    var slot = (W - left) / points.length, bar = Math.max(4, slot * 0.6);
    var svg = '<svg viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="Won amount per month">';
    points.forEach(function (p, i) {
      var amount = Number(p.numerator || 0);
      var h = Math.round((H - top - bottom) * amount / max);
      var x = left + i * slot + (slot - bar) / 2, y = H - bottom - h;
      svg += '<g><title>' + esc(p.period + ': ' + fmt(amount, 'AMOUNT', series.currency) + ' won') + '</title>' +
        '<rect x="' + x.toFixed(1) + '" y="' + y + '" width="' + bar.toFixed(1) + '" height="' + h + '"></rect>' +
        (amount > 0 ? '<text x="' + (x + bar / 2).toFixed(1) + '" y="' + (y - 4) + '" text-anchor="middle">' +
          esc(num(amount, 0)) + '</text>' : '') +
        '<text x="' + (x + bar / 2).toFixed(1) + '" y="' + (H - bottom + 16) + '" text-anchor="middle">' +
        esc(p.period) + '</text></g>';
    });
    svg += '</svg>';
    $('chart').innerHTML = svg + '<p class="status">Currency: ' + esc(series.currency || '—') + '</p>';
  }

  function showError(message) {
    var e = $('error');
    e.textContent = message || '';
    e.hidden = !message;
  }

  function load() {
    var tenant = $('tenant').value.trim();
    if (!tenant) { showError('Enter a tenant id.'); return; }
    // Answers can arrive out of order (a window change while an auto-refresh is in flight): only the latest renders.
    var request = ++latestLoad;
    var params = { window: $('window').value };
    if ($('asOf').value) params.asOf = $('asOf').value;
    var seriesParams = { window: 'MONTH' };
    if ($('asOf').value) seriesParams.to = $('asOf').value;
    Promise.all([
      getJson(kpisUrl(tenant, Object.assign({ dimension: 'ALL' }, params))),
      getJson(kpisUrl(tenant, Object.assign({ dimension: 'OWNER' }, params))),
      getJson(kpisUrl(tenant, Object.assign({ dimension: 'PIPELINE' }, params))),
      getJson(seriesUrl(tenant, 'AVG_WON_DEAL_AMOUNT', seriesParams))
    ]).then(function (r) {
      if (request !== latestLoad) return;
      showError('');
      renderCards(r[0]);
      $('cards').dataset.window = params.window;
      renderOwners(r[1]);
      renderPipelines(r[2]);
      renderChart(r[3]);
      var first = r[0][0];
      $('status').textContent = (first ? 'Period ' + first.period + ' (' + first.periodStart + ' to ' + first.periodEnd +
        '), ' : '') + 'updated ' + new Date().toLocaleTimeString();
    }).catch(function (err) {
      if (request !== latestLoad) return;
      showError(err.message);
    });
  }

  function schedule() {
    if (timer) { clearInterval(timer); timer = null; }
    if ($('autoRefresh').checked) {
      timer = setInterval(function () { if ($('tenant').value.trim()) load(); }, REFRESH_MS);
    }
  }

  function remember() {
    var q = new URLSearchParams(window.location.search);
    q.set('tenant', $('tenant').value.trim());
    q.set('window', $('window').value);
    if ($('asOf').value) { q.set('asOf', $('asOf').value); } else { q.delete('asOf'); }
    history.replaceState(null, '', '?' + q.toString());
  }

  /** The token of #token=… (then dropped from the address) or of this tab's earlier visit. */
  function restoreToken() {
    var fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    if (fragment.get('token')) {
      sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
    $('token').addEventListener('change', function () { sessionStorage.setItem(TOKEN_KEY, token()); load(); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    restoreToken();
    var q = new URLSearchParams(window.location.search);
    if (q.get('tenant')) $('tenant').value = q.get('tenant');
    // A shared link opens the same view: window and as-of date come from the address too.
    if (q.get('window')) $('window').value = q.get('window');
    if (q.get('asOf')) $('asOf').value = q.get('asOf');
    $('controls').addEventListener('submit', function (e) { e.preventDefault(); remember(); load(); });
    $('window').addEventListener('change', function () { remember(); load(); });
    $('asOf').addEventListener('change', function () { remember(); load(); });
    $('autoRefresh').addEventListener('change', schedule);
    schedule();
    if ($('tenant').value) load();
  });
})();
