// A person's own settings: language and e-mail (GET/PUT /jospar/me/settings).
(function () {
  'use strict';
  var WORDS = {
    kk: { skip: 'Мазмұнға өту', title: 'Менің баптауларым', tasklist: 'Менің тапсырмаларым', monitor: 'Жоспар мониторы', language: 'Тіл',
      languageHint: 'Тапсырмалар тізімінің, монитордың, хаттарыңыздың және API жауаптарының тілі.', mail: 'Электрондық пошта',
      each: 'Әр тапсырма, еске салу, эскалация, қайтару және қабылдау туралы жеке хат',
      digest: 'Күніне бір хат, бәрінің тізімі (08:00, Астана уақыты)', off: 'Хат жібермеу', save: 'Сақтау', saved: 'Сақталды.' },
    ru: { skip: 'Перейти к содержанию', title: 'Мои настройки', tasklist: 'Мои задачи', monitor: 'Монитор плана', language: 'Язык',
      languageHint: 'Язык списка задач, монитора, ваших писем и ответов API.', mail: 'Электронная почта',
      each: 'Отдельное письмо о каждой задаче, напоминании, эскалации, возврате и принятии',
      digest: 'Одно письмо в день со списком всего (08:00 по времени Астаны)', off: 'Не присылать писем', save: 'Сохранить',
      saved: 'Сохранено.' },
    en: { skip: 'Skip to content', title: 'My settings', tasklist: 'My work', monitor: 'Plan monitor', language: 'Language',
      languageHint: 'The language of Tasklist, the monitor, your e-mails and the answers of the API.', mail: 'E-mail',
      each: 'One e-mail for each task, reminder, escalation, return and acceptance',
      digest: 'One e-mail a day listing them all (08:00, Astana time)', off: 'No e-mail', save: 'Save', saved: 'Saved.' }
  };
  var lang = 'kk';

  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function translate() {
    document.documentElement.lang = lang;
    document.title = 'Jospar · ' + WORDS[lang].title;
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (e) { e.textContent = WORDS[lang][e.getAttribute('data-t')]; });
  }
  function check(name, value) {
    var input = document.querySelector('input[name="' + name + '"][value="' + value + '"]');
    if (input) { input.checked = true; }
  }
  function browserLanguage() {
    var stored = null;
    try { stored = localStorage.getItem('jospar.locale'); } catch (e) { /* private mode */ }
    var browser = (navigator.languages || [navigator.language || 'kk']).map(function (l) { return l.split('-')[0]; })
      .filter(function (l) { return WORDS[l]; })[0];
    return stored || browser || 'kk';
  }

  document.addEventListener('DOMContentLoaded', function () {
    var status = document.getElementById('status');
    var error = document.getElementById('error');
    fetch('me/settings', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        lang = s.locale || browserLanguage();
        document.getElementById('who').textContent = s.userId || '';
        check('locale', lang);
        check('mailMode', s.mailMode || 'each');
        translate();
      });
    document.getElementById('settings').addEventListener('submit', function (e) {
      e.preventDefault();
      var form = e.target;
      var body = { locale: form.elements.locale.value || null, mailMode: form.elements.mailMode.value || null };
      var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      var token = cookie('JOSPAR-XSRF');
      if (token) { headers['X-JOSPAR-XSRF'] = token; }
      error.hidden = true;
      fetch('me/settings', { method: 'PUT', credentials: 'same-origin', headers: headers, body: JSON.stringify(body) })
        .then(function (r) { return r.json().then(function (b) { if (!r.ok) { throw new Error(b.message || r.statusText); } return b; }); })
        .then(function (s) {
          lang = s.locale || lang;
          try { localStorage.setItem('jospar.locale', lang); } catch (x) { /* private mode */ }
          translate();
          status.textContent = WORDS[lang].saved;
        })
        .catch(function (x) { error.textContent = x.message; error.hidden = false; });
    });
  });
})();
