// Jospar's plan monitor: draws /jospar/monitor/data in the reader's language. No framework, one
// request per change of filter, so it stays quick on a slow line.
(function () {
  'use strict';

  var WORDS = {
    kk: {
      planVersion: 'жоспар нұсқасы',
      discipline: 'Атқарушылық тәртіп', byQuarter: 'Тоқсандар бойынша серпін', byItem: 'Тармақтар бойынша', rank: 'Орны', dDue: 'Тапсырылуға тиіс', dOnTime: 'Мерзімінде', dLate: 'Кешіктірілді', dShare: 'Мерзімінде, %', dAvg: 'Орташа кешігу, жұмыс күні', dWorst: 'Ең ұзақ кешігу, жұмыс күні', dReturned: 'Қайтарылды', dRounds: 'Пысықтау айналымы', dExt: 'Мерзімді ұзарту', dEsc: 'Эскалация 1 / 2', dDeclined: 'Келісу бойынша бас тарту', dNone: 'Тапсыру мерзімі келген есеп әзірге жоқ.', dSummary: '{d} есептен {n} есеп мерзімінде тапсырылды', quarter: '{q}-тоқсан', dQuarterShare: '{q}-тоқсан: мерзімінде {s}%',
      skip: 'Мазмұнға өту', title: 'Жоспар мониторы', settings: 'Менің баптауларым', tasklist: 'Менің тапсырмаларым', filters: 'Сүзгілер', plan: 'Жоспар', year: 'Жыл', direction: 'Бағыт',
      item: 'Тармақ', body: 'Орган', state: 'Күйі', all: 'Барлығы', apply: 'Қолдану', exports: 'Экспорт',
      xlsxKk: 'Жылдық есеп, XLSX, қазақша', xlsxRu: 'Жылдық есеп, XLSX, орысша', pdfKk: 'Жылдық есеп, PDF, қазақша',
      pdfRu: 'Жылдық есеп, PDF, орысша', csv: 'Есептер кестесі, CSV', totals: 'Жыл бір қарағанда', heatMap: 'Органдар мен тармақтар',
      heatHint: 'Әр ұяшық — органның тармақ бойынша есептері; түсі олардың ең нашар күйін көрсетеді.', rows: 'Тармақтар мен нормалар',
      indicators: 'Нысаналы индикаторлар: жоспар және нақты', reports: 'Есептер', period: 'Кезең', due: 'Мерзімі',
      submitted: 'Ұсынылды', timeliness: 'Мерзімінде ме?', escalation: 'Эскалация', returns: 'Қайтарулар', achieved: 'Орындалды',
      planned: 'Жоспар', fact: 'Нақты', name: 'Атауы', quota: 'Норма', belowQuota: 'нормадан төмен', loading: 'Жүктелуде…',
      loaded: 'Жүктелді: {n} есеп', wholePlan: 'Бүкіл жоспар, барлық органдар', ownBodies: 'Тек сіздің органыңыз: {b}',
      onTime: 'мерзімінде', late: 'кешіктірілді', extended: 'мерзімі ұзартылды', stepDue: 'қарау мерзімі', escalated: 'эскалацияланған', reportsOf: '{n} есеп, {d} орындалды',
      none: 'Сүзгіге сәйкес есеп жоқ.', more: 'Алғашқы {n} жол көрсетілген; толығын CSV-дан қараңыз.',
      states: { overdue: 'мерзімі өтті', returned: 'қайтарылды', open: 'ашық', submitted: 'ұсынылды', approved: 'басшы мақұлдады',
        accepted: 'қабылданды', declined: 'бас тартылды (келісу бойынша)', late: 'кешіктірілді', escalated: 'эскалацияланған' }
    },
    ru: {
      planVersion: 'версия плана',
      discipline: 'Исполнительская дисциплина', byQuarter: 'Динамика по кварталам', byItem: 'По пунктам', rank: 'Место', dDue: 'Подлежало сдаче', dOnTime: 'В срок', dLate: 'С опозданием', dShare: 'В срок, %', dAvg: 'Средняя задержка, раб. дней', dWorst: 'Наибольшая задержка, раб. дней', dReturned: 'Возвращено', dRounds: 'Раундов доработки', dExt: 'Продления', dEsc: 'Эскалация 1 / 2', dDeclined: 'Отказ по согласованию', dNone: 'Отчётов, срок сдачи которых наступил, пока нет.', dSummary: { one: '{n} отчёт из {d} сдан в срок', few: '{n} отчёта из {d} сданы в срок', many: '{n} отчётов из {d} сданы в срок' }, quarter: '{q} квартал', dQuarterShare: '{q} квартал: в срок {s}%',
      skip: 'Перейти к содержанию', title: 'Монитор плана', settings: 'Мои настройки', tasklist: 'Мои задачи', filters: 'Фильтры', plan: 'План', year: 'Год', direction: 'Направление',
      item: 'Пункт', body: 'Орган', state: 'Состояние', all: 'Все', apply: 'Применить', exports: 'Выгрузки',
      xlsxKk: 'Годовой отчёт, XLSX, на казахском', xlsxRu: 'Годовой отчёт, XLSX, на русском', pdfKk: 'Годовой отчёт, PDF, на казахском',
      pdfRu: 'Годовой отчёт, PDF, на русском', csv: 'Таблица отчётов, CSV', totals: 'Год с первого взгляда', heatMap: 'Органы по пунктам',
      heatHint: 'Каждая ячейка — отчёты органа по пункту; цвет показывает худшее состояние среди них.', rows: 'Пункты и нормы',
      indicators: 'Целевые индикаторы: план и факт', reports: 'Отчёты', period: 'Период', due: 'Срок', submitted: 'Представлен',
      timeliness: 'В срок?', escalation: 'Эскалация', returns: 'Возвраты', achieved: 'Достигнуто', planned: 'План', fact: 'Факт',
      name: 'Наименование', quota: 'Норма', belowQuota: 'ниже нормы', loading: 'Загрузка…', loaded: { one: 'Загружен {n} отчёт', few: 'Загружено {n} отчёта', many: 'Загружено {n} отчётов' },
      wholePlan: 'Весь план, все органы', ownBodies: 'Только ваш орган: {b}', onTime: 'в срок', late: 'с опозданием', extended: 'срок продлён', stepDue: 'срок рассмотрения',
      escalated: 'с эскалацией', reportsOf: { one: '{n} отчёт, выполнено {d}', few: '{n} отчёта, выполнено {d}', many: '{n} отчётов, выполнено {d}' }, none: 'Нет отчётов по этому фильтру.',
      more: 'Показаны первые {n} строк; полностью — в CSV.',
      states: { overdue: 'просрочен', returned: 'возвращён', open: 'открыт', submitted: 'представлен', approved: 'одобрен руководителем',
        accepted: 'принят', declined: 'отклонён (по согласованию)', late: 'с опозданием', escalated: 'с эскалацией' }
    },
    en: {
      planVersion: 'plan version',
      discipline: 'Executive discipline', byQuarter: 'Trend by quarter', byItem: 'By item', rank: 'Rank', dDue: 'Due', dOnTime: 'On time', dLate: 'Late', dShare: 'On time, %', dAvg: 'Average delay, working days', dWorst: 'Worst delay, working days', dReturned: 'Returned', dRounds: 'Rounds of rework', dExt: 'Extensions', dEsc: 'Escalation 1 / 2', dDeclined: 'Declined by agreement', dNone: 'No report has come due yet.', dSummary: { one: '{n} report of {d} handed in on time', other: '{n} reports of {d} handed in on time' }, quarter: 'Q{q}', dQuarterShare: 'Q{q}: {s}% on time',
      skip: 'Skip to content', title: 'Plan monitor', settings: 'My settings', tasklist: 'My work', filters: 'Filters', plan: 'Plan', year: 'Year', direction: 'Direction',
      item: 'Item', body: 'Body', state: 'State', all: 'All', apply: 'Apply', exports: 'Exports',
      xlsxKk: 'Annual report, XLSX, Kazakh', xlsxRu: 'Annual report, XLSX, Russian', pdfKk: 'Annual report, PDF, Kazakh',
      pdfRu: 'Annual report, PDF, Russian', csv: 'Status table, CSV', totals: 'The year at a glance', heatMap: 'Bodies by items',
      heatHint: "Each cell is a body's reports on an item; its colour is the worst state among them.", rows: 'Items and quotas',
      indicators: 'Target indicators: plan and fact', reports: 'Reports', period: 'Period', due: 'Due', submitted: 'Submitted',
      timeliness: 'On time?', escalation: 'Escalation', returns: 'Returns', achieved: 'Achieved', planned: 'Plan', fact: 'Fact',
      name: 'Name', quota: 'Quota', belowQuota: 'below quota', loading: 'Loading…', loaded: { one: 'Loaded: {n} report', other: 'Loaded: {n} reports' },
      wholePlan: 'The whole plan, every body', ownBodies: 'Your body only: {b}', onTime: 'on time', late: 'late', extended: 'extended', stepDue: 'review due', escalated: 'escalated',
      reportsOf: { one: '{n} report, {d} done', other: '{n} reports, {d} done' }, none: 'No reports match the filter.', more: 'The first {n} lines are shown; the CSV has them all.',
      states: { overdue: 'overdue', returned: 'returned', open: 'open', submitted: 'submitted', approved: 'approved by supervisor',
        accepted: 'accepted', declined: 'declined (by agreement)', late: 'late', escalated: 'escalated' }
    }
  };
  var SYMBOL = { overdue: '!', returned: '↺', open: '○', submitted: '◔', approved: '◑', accepted: '✓', declined: '–' };
  var ORDER = ['overdue', 'returned', 'open', 'submitted', 'approved', 'accepted', 'declined'];
  var MAX_LINES = 500;

  var lang = 'kk';
  var data = null;

  /** A word in the page's language; a count's word by the language's plural rules (ru: 1 отчёт, 2 отчёта, 5 отчётов). */
  function t(key, vars) {
    var s = (WORDS[lang] && WORDS[lang][key]) || WORDS.en[key] || key;
    if (typeof s === 'object') {
      var form = new Intl.PluralRules(lang).select(Number((vars || {}).n));
      s = s[form] || s.many || s.other || s.one;
    }
    Object.keys(vars || {}).forEach(function (k) { s = s.replace('{' + k + '}', vars[k]); });
    return s;
  }
  function stateWord(s) { return WORDS[lang].states[s] || s; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function date(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    // the plan's dates are Kazakhstan's (UTC+5), whatever the reader's computer says
    var k = new Date(d.getTime() + 5 * 3600 * 1000);
    return p(k.getUTCDate()) + '.' + p(k.getUTCMonth() + 1) + '.' + k.getUTCFullYear() + ' ' + p(k.getUTCHours()) + ':' + p(k.getUTCMinutes());
  }

  function chooseLanguage() {
    return fetch('me/settings', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; })
      .then(function (s) {
        var stored = null;
        try { stored = localStorage.getItem('jospar.locale'); } catch (e) { /* private mode */ }
        var browser = (navigator.languages || [navigator.language || 'kk']).map(function (l) { return l.split('-')[0]; })
          .filter(function (l) { return WORDS[l]; })[0];
        lang = s.locale || stored || browser || 'kk';
        document.getElementById('who').textContent = s.userId || '';
      });
  }

  function switchLanguage(next) {
    lang = next;
    try { localStorage.setItem('jospar.locale', next); } catch (e) { /* private mode */ }
    var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    var token = cookie('JOSPAR-XSRF');
    if (token) { headers['X-JOSPAR-XSRF'] = token; }
    fetch('me/settings', { method: 'PUT', credentials: 'same-origin', headers: headers, body: JSON.stringify({ locale: next }) })
      .catch(function () { /* remembered in this browser at least */ });
    load();
  }

  function translatePage() {
    document.documentElement.lang = lang;
    document.title = 'Jospar · ' + t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (e) { e.textContent = t(e.getAttribute('data-t')); });
    Array.prototype.forEach.call(document.querySelectorAll('.lang button'), function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-lang') === lang));
    });
  }

  function params() {
    var f = document.getElementById('filters');
    var q = new URLSearchParams();
    ['plan', 'year', 'direction', 'row', 'body', 'state'].forEach(function (n) {
      var v = f.elements[n].value;
      if (v) { q.set(n, v); }
    });
    return q;
  }

  function load() {
    translatePage();
    var q = params();
    q.set('lang', lang);
    var status = document.getElementById('status');
    var error = document.getElementById('error');
    status.textContent = t('loading');
    error.hidden = true;
    fetch('monitor/data?' + q.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body.message || r.statusText); }
          return body;
        });
      })
      .then(function (d) {
        data = d;
        render();
        status.textContent = t('loaded', { n: d.reports.length });
      })
      .catch(function (e) {
        status.textContent = '';
        error.textContent = e.message;
        error.hidden = false;
      });
  }

  function fillSelect(select, options, keep) {
    var current = keep !== undefined ? keep : select.value;
    while (select.options.length > 1) { select.remove(1); }
    select.options[0].textContent = t('all');
    options.forEach(function (o) { select.appendChild(el('option', { value: o.code }, o.name)); });
    select.value = current;
    if (select.value !== current) { select.value = ''; }
  }

  function render() {
    var d = data;
    var f = document.getElementById('filters');
    // several plans: the plan is chosen first (one plan at a time: their items may share numbers)
    var plan = f.elements.plan;
    var several = d.plans && d.plans.length > 1;
    plan.hidden = !several;
    document.querySelector('label[for="f-plan"]').hidden = !several;
    if (several && plan.options.length !== d.plans.length) {
      plan.textContent = '';
      d.plans.forEach(function (p) { plan.appendChild(el('option', { value: p.code }, p.name)); });
    }
    if (several) { plan.value = d.plan; }
    var year = f.elements.year;
    if (year.options.length !== d.years.length || String(year.options[0] && year.options[0].value) !== String(d.years[0])) {
      year.textContent = '';
      d.years.forEach(function (y) { year.appendChild(el('option', { value: y }, y)); });
    }
    year.value = String(d.year);
    fillSelect(f.elements.direction, d.directions);
    fillSelect(f.elements.row, d.rows.map(function (r) { return { code: r.number, name: r.number + ' ' + r.name.substring(0, 80) }; }));
    fillSelect(f.elements.body, d.bodies);
    fillSelect(f.elements.state, ORDER.concat(['late', 'escalated']).map(function (s) { return { code: s, name: stateWord(s) }; }));
    document.getElementById('scope').textContent = d.wholePlan ? t('wholePlan')
      : t('ownBodies', { b: d.bodies.map(function (b) { return b.name; }).join(', ') });

    var q = params();
    [['x-xlsx-kk', 'annual-report.xlsx', 'kk'], ['x-xlsx-ru', 'annual-report.xlsx', 'ru'], ['x-pdf-kk', 'annual-report.pdf', 'kk'],
      ['x-pdf-ru', 'annual-report.pdf', 'ru'], ['x-csv', 'status.csv', lang]].forEach(function (x) {
      var p = new URLSearchParams(q.toString());
      p.set('lang', x[2]);
      document.getElementById(x[0]).href = 'monitor/' + x[1] + '?' + p.toString();
    });

    var totals = document.getElementById('totals');
    totals.textContent = '';
    Object.keys(d.totals).forEach(function (k) {
      var li = el('li', { 'class': ORDER.indexOf(k) >= 0 ? '' : 'extra' });
      li.appendChild(el('b', {}, d.totals[k]));
      li.appendChild(document.createTextNode(k === 'onTime' ? t('onTime') : stateWord(k)));
      totals.appendChild(li);
    });

    var legend = document.getElementById('legend');
    legend.textContent = '';
    ORDER.forEach(function (s) {
      var li = el('li');
      li.appendChild(el('span', { 'class': 's-' + s, 'aria-hidden': 'true' }, SYMBOL[s]));
      li.appendChild(document.createTextNode(stateWord(s)));
      legend.appendChild(li);
    });
    renderHeat(d);
    renderRows(d);
    renderChart(d);
    renderReports(d);
    renderDiscipline(d);
  }

  function renderHeat(d) {
    var table = document.getElementById('heat');
    table.textContent = '';
    var rows = d.rows.filter(function (r) { return d.heatMap.some(function (c) { return c.row === r.number; }); });
    var bodies = d.bodies.filter(function (b) { return d.heatMap.some(function (c) { return c.body === b.code; }); });
    var cells = {};
    d.heatMap.forEach(function (c) { cells[c.body + '|' + c.row] = c; });
    table.appendChild(el('caption', { 'class': 'visually-hidden' }, t('heatMap')));
    var head = el('thead');
    var hr = el('tr');
    hr.appendChild(el('th', { scope: 'col' }, t('body')));
    rows.forEach(function (r) { hr.appendChild(el('th', { scope: 'col', title: r.name }, r.number)); });
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    bodies.forEach(function (b) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row', title: b.name }, b.shortName || b.name));
      rows.forEach(function (r) {
        var c = cells[b.code + '|' + r.number];
        var td = el('td', c ? { 'class': 's-' + c.worst } : {});
        if (c) {
          var label = stateWord(c.worst) + (c.maxEscalation ? ' (' + t('escalation') + ' ' + c.maxEscalation + ')' : '') + '; '
            + t('reportsOf', { n: c.reports, d: c.done });
          td.title = r.number + ' · ' + b.name + ': ' + label;
          td.appendChild(el('span', { 'aria-hidden': 'true' }, SYMBOL[c.worst] + (c.maxEscalation ? c.maxEscalation : '')));
          td.appendChild(el('span', { 'class': 'visually-hidden' }, label));
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
  }

  function renderRows(d) {
    var table = document.getElementById('rows');
    table.textContent = '';
    var head = el('thead');
    var hr = el('tr');
    [t('item'), t('name')].concat(ORDER.map(stateWord)).concat([t('quota')]).forEach(function (h) { hr.appendChild(el('th', { scope: 'col' }, h)); });
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    // only the items with reports this year under the filter: no empty lines, no "0 / 0"
    var shown = d.rows.filter(function (r) { return Object.keys(r.states).length > 0; });
    if (shown.length === 0) {
      var empty = el('tr');
      empty.appendChild(el('td', { colspan: String(ORDER.length + 3) }, t('none')));
      body.appendChild(empty);
    }
    shown.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, r.number));
      tr.appendChild(el('td', {}, r.name));
      ORDER.forEach(function (s) { tr.appendChild(el('td', {}, r.states[s] || '')); });
      tr.appendChild(el('td', {}, r.quotaPlanned == null ? '' : (r.quotaAchieved + ' / ' + r.quotaPlanned + ' ' + (r.unit || '')
        + (r.belowQuota ? ' · ' + r.belowQuota + ' ' + t('belowQuota') : ''))));
      body.appendChild(tr);
    });
    table.appendChild(body);
  }

  function renderChart(d) {
    var box = document.getElementById('chart');
    box.textContent = '';
    var NS = 'http://www.w3.org/2000/svg';
    d.indicators.forEach(function (ind) {
      var years = d.years;
      var values = [];
      years.forEach(function (y) { values.push(Number(ind.planned[y] || 0), Number(ind.fact[y] || 0)); });
      var max = Math.max.apply(null, values.concat([1]));
      var fig = el('figure');
      fig.appendChild(el('figcaption', {}, ind.number + '. ' + ind.name + ' (' + ind.unit + ')'));
      var w = 80 * years.length + 40, h = 170;
      var svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
      svg.setAttribute('width', w);
      svg.setAttribute('role', 'img');
      var summary = years.map(function (y) {
        return y + ': ' + t('planned') + ' ' + (ind.planned[y] != null ? ind.planned[y] : '—') + ', ' + t('fact') + ' ' + (ind.fact[y] != null ? ind.fact[y] : '—');
      }).join('; ');
      svg.setAttribute('aria-label', ind.name + '. ' + summary);
      years.forEach(function (y, i) {
        [['planned', '#8fb8de'], ['fact', '#0f3b5f']].forEach(function (kind, j) {
          var v = ind[kind[0]][y];
          if (v == null) { return; }
          var bh = Math.round(120 * Number(v) / max);
          var rect = document.createElementNS(NS, 'rect');
          rect.setAttribute('x', 30 + i * 80 + j * 26);
          rect.setAttribute('y', 140 - bh);
          rect.setAttribute('width', 24);
          rect.setAttribute('height', bh);
          rect.setAttribute('fill', kind[1]);
          var title = document.createElementNS(NS, 'title');
          title.textContent = y + ', ' + t(kind[0]) + ': ' + v;
          rect.appendChild(title);
          svg.appendChild(rect);
          var label = document.createElementNS(NS, 'text');
          label.setAttribute('x', 42 + i * 80 + j * 26);
          label.setAttribute('y', 136 - bh);
          label.setAttribute('font-size', '10');
          label.setAttribute('text-anchor', 'middle');
          label.textContent = v;
          svg.appendChild(label);
        });
        var yl = document.createElementNS(NS, 'text');
        yl.setAttribute('x', 55 + i * 80);
        yl.setAttribute('y', 158);
        yl.setAttribute('font-size', '12');
        yl.setAttribute('text-anchor', 'middle');
        yl.textContent = y;
        svg.appendChild(yl);
      });
      fig.appendChild(svg);
      var key = el('p', { 'class': 'hint' });
      key.innerHTML = '';
      key.appendChild(el('span', { 'class': 'key-planned' }, '■ '));
      key.appendChild(document.createTextNode(t('planned') + '  '));
      key.appendChild(el('span', { 'class': 'key-fact' }, '■ '));
      key.appendChild(document.createTextNode(t('fact')));
      fig.appendChild(key);
      box.appendChild(fig);
    });
  }

  var ROMAN = ['I', 'II', 'III', 'IV'];

  /** Executive discipline: the bodies ranked, a bar per quarter of the on-time share, the items. */
  function renderDiscipline(d) {
    var disc = d.discipline;
    var total = disc.total;
    document.getElementById('disc-summary').textContent = total.due ? t('dSummary', { n: total.onTime, d: total.due, count: total.onTime }) : t('dNone');
    disciplineTable(document.getElementById('disc-bodies'), t('body'), disc.bodies, true);
    disciplineTable(document.getElementById('disc-items'), t('item'), disc.items, false);
    var box = document.getElementById('disc-trend');
    box.textContent = '';
    var NS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 360 170');
    svg.setAttribute('width', 360);
    svg.setAttribute('role', 'img');
    var q = function (n) { return lang === 'en' ? String(n) : ROMAN[n - 1]; };
    svg.setAttribute('aria-label', t('byQuarter') + '. ' + disc.quarters.map(function (x) {
      return x.onTimeShare == null ? t('quarter', { q: q(x.quarter) }) + ': —' : t('dQuarterShare', { q: q(x.quarter), s: x.onTimeShare });
    }).join('; '));
    disc.quarters.forEach(function (x, i) {
      var cx = 30 + i * 85;
      if (x.onTimeShare != null) {
        var bh = Math.round(1.2 * x.onTimeShare);
        var rect = document.createElementNS(NS, 'rect');
        rect.setAttribute('x', cx);
        rect.setAttribute('y', 140 - bh);
        rect.setAttribute('width', 50);
        rect.setAttribute('height', bh);
        rect.setAttribute('fill', '#0f3b5f');
        svg.appendChild(rect);
        var v = document.createElementNS(NS, 'text');
        v.setAttribute('x', cx + 25);
        v.setAttribute('y', 136 - bh);
        v.setAttribute('font-size', '11');
        v.setAttribute('text-anchor', 'middle');
        v.textContent = x.onTimeShare + '% (' + x.onTime + '/' + x.due + ')';
        svg.appendChild(v);
      }
      var label = document.createElementNS(NS, 'text');
      label.setAttribute('x', cx + 25);
      label.setAttribute('y', 158);
      label.setAttribute('font-size', '12');
      label.setAttribute('text-anchor', 'middle');
      label.textContent = t('quarter', { q: q(x.quarter) });
      svg.appendChild(label);
    });
    box.appendChild(svg);
  }

  function disciplineTable(table, first, lines, ranked) {
    table.textContent = '';
    var head = el('thead');
    var hr = el('tr');
    (ranked ? [t('rank')] : []).concat([first, t('dDue'), t('dOnTime'), t('dLate'), t('dShare'), t('dAvg'), t('dWorst'), t('dReturned'),
      t('dRounds'), t('dExt'), t('dEsc'), t('dDeclined')]).forEach(function (h) { hr.appendChild(el('th', { scope: 'col' }, h)); });
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    if (!lines.length) {
      var empty = el('tr');
      empty.appendChild(el('td', { colspan: ranked ? 13 : 12 }, t('dNone')));
      body.appendChild(empty);
    }
    lines.forEach(function (l) {
      var f = l.figures;
      var tr = el('tr');
      if (ranked) { tr.appendChild(el('td', {}, String(l.rank))); }
      tr.appendChild(el('th', { scope: 'row' }, ranked ? l.name : l.code + ' ' + l.name));
      [f.due, f.onTime, f.late, f.onTimeShare, f.averageDelay, f.worstDelay, f.returned, f.rounds, f.extensions,
        f.escalated1 + ' / ' + f.escalated2, f.declined].forEach(function (v) { tr.appendChild(el('td', {}, String(v))); });
      body.appendChild(tr);
    });
    table.appendChild(body);
  }

  function renderReports(d) {
    var table = document.getElementById('reports');
    table.textContent = '';
    var head = el('thead');
    var hr = el('tr');
    [t('item'), t('period'), t('body'), t('state'), t('due'), t('submitted'), t('timeliness'), t('escalation'), t('returns'), t('achieved')]
      .forEach(function (h) { hr.appendChild(el('th', { scope: 'col' }, h)); });
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    if (!d.reports.length) {
      var empty = el('tr');
      empty.appendChild(el('td', { colspan: 10 }, t('none')));
      body.appendChild(empty);
    }
    d.reports.slice(0, MAX_LINES).forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, r.row));
      // a report whose cycle ran under an earlier version of the plan says which (issue 15: amendments)
      tr.appendChild(el('td', {}, r.period + (r.planVersion && d.planVersion && r.planVersion !== d.planVersion
        ? ' (' + t('planVersion') + ' ' + r.planVersion + ')' : '')));
      tr.appendChild(el('td', {}, r.bodyName));
      var s = el('td');
      s.appendChild(el('span', { 'class': 's-' + r.state, 'aria-hidden': 'true' }, ' ' + SYMBOL[r.state] + ' '));
      s.appendChild(document.createTextNode(' ' + stateWord(r.state)));
      if (r.stepDueAt) {
        s.appendChild(document.createTextNode(' (' + t('stepDue') + ' ' + date(r.stepDueAt) + ')'));
      }
      tr.appendChild(s);
      tr.appendChild(el('td', {}, date(r.dueAt) + (r.extended ? ' (' + t('extended') + ')' : '')));
      tr.appendChild(el('td', {}, date(r.submittedAt)));
      tr.appendChild(el('td', {}, r.submittedAt ? (r.late ? t('late') : t('onTime')) : ''));
      tr.appendChild(el('td', {}, r.escalationLevel || ''));
      tr.appendChild(el('td', {}, r.returns || ''));
      tr.appendChild(el('td', {}, r.achieved == null ? '' : r.achieved));
      body.appendChild(tr);
    });
    table.appendChild(body);
    if (d.reports.length > MAX_LINES) {
      var more = el('caption', {}, t('more', { n: MAX_LINES }));
      table.insertBefore(more, table.firstChild);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.lang button'), function (b) {
      b.addEventListener('click', function () { switchLanguage(b.getAttribute('data-lang')); });
    });
    var q = new URLSearchParams(location.search);
    document.getElementById('f-plan').addEventListener('change', function () {
      // another plan has other years and items: its own default year, no item chosen
      document.getElementById('f-year').textContent = '';
      document.getElementById('f-row').value = '';
      load();
    });
    document.getElementById('filters').addEventListener('submit', function (e) {
      e.preventDefault();
      load();
    });
    chooseLanguage().then(function () {
      if (q.get('year')) {
        var year = document.getElementById('f-year');
        year.appendChild(el('option', { value: q.get('year') }, q.get('year')));
        year.value = q.get('year');
      }
      load();
    });
  });
})();
