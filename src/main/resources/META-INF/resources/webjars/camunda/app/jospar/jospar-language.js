/*
 * Jospar: one language switch (Қаз / Рус / Eng) for Tasklist, Cockpit, Admin and Welcome.
 *
 * Camunda 7.24 has no language selector: each webapp takes the first language of the browser
 * (navigator.languages[0]) when it is one of config.js's `locales.availableLocales`, else
 * `fallbackLocale`, and nothing remembers a choice. This script, listed in every webapp's
 * config.js under `customScripts` ('../jospar/jospar-language'), adds:
 *
 *   - the person's choice, which wins over the browser: remembered in this browser (localStorage
 *     'jospar.locale') and, once signed in, on the server (GET/PUT /jospar/me/settings, field
 *     `locale`); when the server knows a language for the person, it wins over this browser's;
 *   - a switch in the header of every webapp (also on the login page), buttons with lang, an
 *     accessible name and aria-pressed; choosing saves the choice and reloads the page in it;
 *   - the AngularJS date pickers (task follow-up and due dates, filter criteria) in the chosen
 *     language with Monday as the first day of the week (moment.js dates follow the locale files'
 *     dateLocales).
 *
 * Without the server's settings endpoint (any answer but 200) the browser's memory alone serves.
 * Tasklist imports custom scripts before AngularJS starts, so the blocks registered here on the
 * webapp's own `cam.<app>.custom` module run after the webapp's configuration: the chosen language
 * is the first one loaded, and the only one (it is also the fallback), so moment.js is not left in
 * another language by a late fallback load. Plain script on purpose: it runs the same as a module.
 * window.JosparLanguage.current() gives the language to others (Jospar's task forms).
 */
(function (window, document) {
  'use strict';

  var LANGUAGES = ['kk', 'ru', 'en'];
  var DEFAULT_LANGUAGE = 'kk'; // the state language, when neither a choice nor the browser names one of ours
  var STORAGE_KEY = 'jospar.locale';
  var LABELS = {
    kk: { short: 'Қаз', name: 'Қазақша' },
    ru: { short: 'Рус', name: 'Русский' },
    en: { short: 'Eng', name: 'English' }
  };
  var GROUP_LABEL = 'Тіл / Язык / Language';

  // For AngularJS's $locale, read by the uib-datepicker (month names, day headers, first day).
  // FIRSTDAYOFWEEK 0 is Monday in AngularJS's numbering.
  var CALENDAR = {
    kk: {
      MONTH: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
      SHORTMONTH: ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'],
      DAY: ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'],
      SHORTDAY: ['Жс', 'Дс', 'Сс', 'Ср', 'Бс', 'Жм', 'Сн']
    },
    ru: {
      MONTH: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
      SHORTMONTH: ['янв.', 'февр.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сент.', 'окт.', 'нояб.', 'дек.'],
      DAY: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
      SHORTDAY: ['Вс', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб']
    },
    en: null // AngularJS's own English names
  };

  function known(lang) { return LANGUAGES.indexOf(lang) !== -1; }

  function stored() {
    var lang = null;
    try { lang = window.localStorage.getItem(STORAGE_KEY); } catch (e) { lang = null; }
    return known(lang) ? lang : null;
  }

  function remember(lang) {
    try { window.localStorage.setItem(STORAGE_KEY, lang); } catch (e) { /* storage off: this page only */ }
  }

  function fromBrowser() {
    var nav = window.navigator || {};
    var list = Array.isArray(nav.languages) && nav.languages.length ? nav.languages : [nav.language || ''];
    for (var i = 0; i < list.length; i++) {
      var lang = String(list[i] || '').split('-')[0].toLowerCase();
      if (known(lang)) { return lang; }
    }
    return null;
  }

  var current = stored() || fromBrowser() || DEFAULT_LANGUAGE;

  var base = document.querySelector('base');
  var appName = base && base.getAttribute('app-name');
  var appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  // the webapps live at <context>/camunda; Jospar's own endpoints at <context>/jospar
  var settingsUrl = appRoot.replace(/\/[^\/]*$/, '') + '/jospar/me/settings';

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].substring(0, eq) === name) { return decodeURIComponent(parts[i].substring(eq + 1)); }
    }
    return null;
  }

  function request(method, body) {
    if (typeof window.fetch !== 'function') { return Promise.reject(new Error('no fetch')); }
    var headers = { Accept: 'application/json' };
    if (body) { headers['Content-Type'] = 'application/json'; }
    var xsrf = cookie('JOSPAR-XSRF');
    if (xsrf) { headers['X-JOSPAR-XSRF'] = xsrf; }
    return window.fetch(settingsUrl, {
      method: method, credentials: 'same-origin', headers: headers, body: body ? JSON.stringify(body) : undefined
    }).then(function (response) {
      if (response.status !== 200) { throw new Error('settings: HTTP ' + response.status); }
      return response.json();
    });
  }

  // the switch: choosing saves the choice (browser, then server) and reloads the page in it
  function choose(lang) {
    if (!known(lang)) { return Promise.resolve(false); }
    remember(lang);
    var saved = request('PUT', { locale: lang })['catch'](function () { return null; }); // no endpoint: the browser remembers
    return saved.then(function () {
      if (lang !== current) { window.location.reload(); }
      return true;
    });
  }

  // the server's language for the signed-in person wins over this browser's
  var checkedFor = null;
  function followServer(userId) {
    if (!userId || checkedFor === userId) { return; }
    checkedFor = userId;
    request('GET').then(function (settings) {
      // a choice made in this browser before signing in (or before the server knew it) is kept for
      // the person, so that e-mails and API answers follow it too
      if (settings && settings.chosen === false && known(stored())) {
        request('PUT', { locale: stored() })['catch'](function () { /* kept in the browser at least */ });
        return;
      }
      var lang = settings && settings.locale;
      if (known(lang) && lang !== current) {
        remember(lang);
        // only when the browser keeps it: else the reloaded page would not know it, and reload again
        if (stored() === lang) { window.location.reload(); }
      }
    })['catch'](function () { /* no endpoint or not signed in there: the browser's memory serves */ });
  }

  function button(lang) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-default btn-xs';
    b.lang = lang;
    b.setAttribute('data-jospar-lang', lang);
    b.setAttribute('aria-label', LABELS[lang].name);
    b.title = LABELS[lang].name;
    b.setAttribute('aria-pressed', lang === current ? 'true' : 'false');
    if (lang === current) { b.className += ' active'; }
    b.textContent = LABELS[lang].short;
    b.addEventListener('click', function () { choose(lang); });
    return b;
  }

  function switchElement() {
    var li = document.createElement('li');
    li.className = 'jospar-language';
    var group = document.createElement('div');
    group.className = 'btn-group';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', GROUP_LABEL);
    LANGUAGES.forEach(function (lang) { group.appendChild(button(lang)); });
    li.appendChild(group);
    return li;
  }

  // the header (cam-widget-header) is drawn by AngularJS, and again after a sign-in: keep the switch in it
  function placeSwitch() {
    var menu = document.querySelector('[cam-widget-header] .cam-nav > ul');
    if (menu && !menu.querySelector('li.jospar-language')) {
      menu.insertBefore(switchElement(), menu.firstChild);
    }
    if (menu && !menu.querySelector('li.jospar-settings')) {
      menu.insertBefore(link('jospar-settings', '/jospar/settings.html', SETTINGS), menu.firstChild);
    }
    if (menu && !menu.querySelector('li.jospar-monitor')) {
      menu.insertBefore(link('jospar-monitor', '/jospar/monitor', MONITOR), menu.firstChild);
    }
  }

  // Jospar's own pages, one click from every webapp (they share its sign-in): the plan monitor and
  // the person's settings (language, e-mail)
  var MONITOR = { kk: 'Жоспар мониторы', ru: 'Монитор плана', en: 'Plan monitor' };
  var SETTINGS = { kk: 'Баптаулар', ru: 'Настройки', en: 'Settings' };
  function link(className, path, words) {
    var li = document.createElement('li');
    li.className = className;
    var a = document.createElement('a');
    a.href = appRoot.replace(/\/[^\/]*$/, '') + path;
    a.textContent = words[current] || words.kk;
    li.appendChild(a);
    return li;
  }

  function watchHeader() {
    placeSwitch();
    if (typeof window.MutationObserver === 'function') {
      new window.MutationObserver(placeSwitch).observe(document.body, { childList: true, subtree: true });
    }
  }

  function localizeCalendar($locale) {
    var formats = $locale.DATETIME_FORMATS;
    var names = CALENDAR[current];
    if (names) {
      formats.MONTH = names.MONTH;
      formats.STANDALONEMONTH = names.MONTH;
      formats.SHORTMONTH = names.SHORTMONTH;
      formats.DAY = names.DAY;
      formats.SHORTDAY = names.SHORTDAY;
    }
    formats.FIRSTDAYOFWEEK = 0; // Monday, as the working week in Kazakhstan
    formats.WEEKENDRANGE = [5, 6];
    $locale.id = current;
  }

  window.JosparLanguage = {
    languages: LANGUAGES.slice(),
    current: function () { return current; },
    choose: choose
  };
  document.documentElement.setAttribute('lang', current);

  var angular = window.angular;
  var module = null;
  try { module = angular && appName ? angular.module('cam.' + appName + '.custom') : null; } catch (e) { module = null; }
  if (!module) {
    // too late or another page: only the switch, which still remembers and reloads
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', watchHeader);
    } else {
      watchHeader();
    }
    return;
  }

  module.config(['$translateProvider', function ($translateProvider) {
    // after the webapp's own determinePreferredLanguage: the choice wins; as the fallback too, so
    // only this language is loaded
    $translateProvider.preferredLanguage(current);
    $translateProvider.fallbackLanguage(current);
  }]);

  module.run(['$rootScope', '$locale', function ($rootScope, $locale) {
    localizeCalendar($locale);
    $rootScope.$on('authentication.changed', function (event, authentication) {
      followServer(authentication && authentication.name);
    });
    if ($rootScope.authentication) { followServer($rootScope.authentication.name); }
    watchHeader();
  }]);
})(window, document);
