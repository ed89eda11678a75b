/*
 * Jospar: the shared part of the embedded task forms (forms/*.html).
 *
 * Loaded by Tasklist itself, before AngularJS starts and so before any form opens:
 * app/tasklist/scripts/config.js lists it under `customScripts`, and Tasklist 7.24 loads every entry
 * with import() (as a JavaScript module, relative to app/tasklist/). This file has no import/export on
 * purpose: it only sets window.JosparForms, and it runs the same as a module or as a plain script.
 * In this Spring Boot app it is served from the application's own
 * META-INF/resources/webjars/camunda/app/tasklist/scripts/ (see config.js next to it).
 *
 * A form's script calls:
 *
 *   var f = window.JosparForms.init(camForm, $scope, moment, {
 *     form: 'submitReportForm',          // the <form name>; also the key of Tasklist's "Save"
 *     texts: { kk: {...}, ru: {...}, en: {...} },   // data-i18n="key" and data-i18n-placeholder="key"
 *     read: ['rowNumber', ...],          // shown read-only (ctx.*), then dropped so never sent back
 *     prefill: { variable: 'input' },    // earlier values as the inputs' start values (m.*)
 *     downloads: ['reportDocument'],     // file variables with an <a cam-file-download> link (stored.*)
 *     fileInputs: { reportDocument: 'jospar-reportDocument' },  // <input type="file"> id per File variable
 *     dates: ['sessionDate'],            // inputs of type date (Date objects; restored as Date)
 *     afterFetch: function () {},        // after the variables are fetched and a saved draft restored
 *     collect: function (put) {}         // on submit: put(name, type, value[, valueInfo]) per variable
 *   });
 *
 * and gets back { m, ctx, files, stored, hasText, formatDate, dateValue, putFile }.
 * Keep this interface backward compatible: forms of earlier deployments (still used by running
 * processes) call it too.
 */
(function (window) {
  'use strict';

  var MAX_FILE_BYTES = 10485760; // 10 MB, as the server accepts
  var FILE_EXTENSIONS = ['pdf', 'doc', 'docx', 'odt', 'xls', 'xlsx', 'ods', 'jpg', 'jpeg', 'png'];

  function hasText(s) { return typeof s === 'string' && s.trim() !== ''; }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // the day of an <input type="date"> as a Date variable value: yyyy-MM-dd'T'HH:mm:ss (browser time)
  function dateValue(d, time) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + (time || '12:00:00');
  }

  function init(camForm, $scope, moment, options) {
    var FORM_NAME = options.form;
    var texts = options.texts;
    var READ = options.read || [];
    var PREFILL = options.prefill || {};
    var DOWNLOADS = options.downloads || [];
    var FILE_INPUTS = options.fileInputs || {};
    var DATE_KEYS = options.dates || [];
    var afterFetch = options.afterFetch || function () {};
    var collect = options.collect;

    var vm = camForm.variableManager;
    var root = camForm.formElement[0];
    var m = $scope.m = {};           // the inputs' values (ng-model)
    var ctx = $scope.ctx = {};       // read-only process variables
    var files = $scope.files = {};   // chosen files, read as base64
    var stored = $scope.stored = {}; // file name of a document already on the task, by variable name
    $scope.wholeNumber = /^[0-9]+$/;

    // ---- texts: data-i18n="key" (text) and data-i18n-placeholder="key" ----
    // the Tasklist's language: the header's switch (app/jospar/jospar-language.js) decides it for the
    // whole webapp; without that script, the browser's language
    function pickLang() {
      var lang = null;
      if (window.JosparLanguage && typeof window.JosparLanguage.current === 'function') {
        lang = window.JosparLanguage.current();
      } else {
        lang = String((window.navigator && window.navigator.language) || '').substring(0, 2).toLowerCase();
      }
      return texts.hasOwnProperty(lang) ? lang : 'kk';
    }

    function applyTexts() {
      var dict = texts[$scope.lang] || texts.kk;
      var i, el, key;
      var list = root.querySelectorAll('[data-i18n]');
      for (i = 0; i < list.length; i++) {
        el = list[i];
        key = el.getAttribute('data-i18n');
        if (dict.hasOwnProperty(key) && el.textContent !== dict[key]) { el.textContent = dict[key]; }
      }
      list = root.querySelectorAll('[data-i18n-placeholder]');
      for (i = 0; i < list.length; i++) {
        el = list[i];
        key = el.getAttribute('data-i18n-placeholder');
        if (dict.hasOwnProperty(key)) { el.setAttribute('placeholder', dict[key]); }
      }
      root.setAttribute('lang', $scope.lang);
    }

    var textsPending = false;
    function applyTextsSoon() {
      if (!textsPending) {
        textsPending = true;
        window.setTimeout(function () { textsPending = false; applyTexts(); }, 0);
      }
    }

    $scope.lang = pickLang();
    // the in-form switch of forms deployed before the header's switch: this form only
    $scope.setLang = function (lang) {
      if (!texts.hasOwnProperty(lang)) { return; }
      $scope.lang = lang;
      applyTexts();
    };
    // ng-if / ng-show change the page during a digest: translate what appeared after each one
    $scope.$watch(function () { applyTextsSoon(); return 0; });
    applyTexts();

    // ---- helpers for the template ----
    // a Date variable as the REST API gives it ("2026-07-10T18:00:00.000+0500") -> "10.07.2026 18:00"
    function formatDate(value, withTime) {
      if (value === null || value === undefined || value === '') { return ''; }
      var d = value instanceof Date ? value : null;
      if (!d && typeof moment === 'function') {
        var parsed = moment(value, moment.ISO_8601);
        if (parsed.isValid()) { d = parsed.toDate(); }
      }
      if (!d) {
        var p = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(String(value));
        if (!p) { return String(value); }
        return p[3] + '.' + p[2] + '.' + p[1] + (withTime && p[4] ? ' ' + p[4] + ':' + p[5] : '');
      }
      var s = pad(d.getDate()) + '.' + pad(d.getMonth() + 1) + '.' + d.getFullYear();
      return withTime ? s + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) : s;
    }

    $scope.hasQuota = function () { return typeof ctx.quotaCount === 'number'; };

    // show a field's errors once the person has touched it
    $scope.shown = function (name) {
      var form = $scope[FORM_NAME];
      var control = form && form[name];
      return !!(control && control.$invalid && (control.$touched || control.$dirty));
    };
    $scope.err = function (name, kind) {
      var form = $scope[FORM_NAME];
      return $scope.shown(name) && !!form[name].$error[kind];
    };

    // ---- files: read on choice, sent only when one was chosen (an empty input sends nothing) ----
    var fileTokens = {};
    function emptyFile() { return { name: '', value: null, mimeType: null, error: null, reading: false }; }

    function watchFile(key, inputId) {
      files[key] = emptyFile();
      var input = root.querySelector('#' + inputId);
      if (!input) { return; }
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        var state = emptyFile();
        var token = fileTokens[key] = {};
        if (file) {
          var dot = file.name.lastIndexOf('.');
          var ext = dot > -1 ? file.name.substring(dot + 1).toLowerCase() : '';
          if (file.size > MAX_FILE_BYTES) {
            state.error = 'errFileSize';
          } else if (FILE_EXTENSIONS.indexOf(ext) === -1) {
            state.error = 'errFileType';
          } else {
            state.reading = true;
          }
        }
        if (state.error) { input.value = ''; }
        $scope.$apply(function () { files[key] = state; });
        if (!state.reading) { return; }
        var reader = new window.FileReader();
        reader.onload = function () {
          if (fileTokens[key] !== token) { return; }
          var url = String(reader.result);
          $scope.$apply(function () {
            files[key] = {
              name: file.name,
              value: url.substring(url.indexOf(',') + 1),
              mimeType: file.type || 'application/octet-stream',
              error: null,
              reading: false
            };
          });
        };
        reader.onerror = function () {
          if (fileTokens[key] !== token) { return; }
          input.value = '';
          $scope.$apply(function () { files[key] = emptyFile(); files[key].error = 'errFileRead'; });
        };
        reader.readAsDataURL(file);
      });
    }

    function putFile(put, key) {
      var f = files[key];
      if (f && f.value) { put(key, 'File', f.value, { filename: f.name, mimeType: f.mimeType }); }
    }

    Object.keys(FILE_INPUTS).forEach(function (key) { watchFile(key, FILE_INPUTS[key]); });

    // ---- Tasklist's "Save": keep the inputs in this browser until the task is completed ----
    function storageKey() {
      return 'camForm:jospar:' + FORM_NAME + ':' + (camForm.taskId || camForm.processDefinitionId || camForm.processDefinitionKey);
    }
    function restoreSaved() {
      var saved = null;
      try { saved = JSON.parse(window.localStorage.getItem(storageKey()) || 'null'); } catch (e) { saved = null; }
      if (!saved || typeof saved.values !== 'object' || saved.values === null) { return; }
      Object.keys(saved.values).forEach(function (key) {
        var value = saved.values[key];
        if (DATE_KEYS.indexOf(key) !== -1) {
          value = value ? new Date(value) : null;
          if (value && isNaN(value.getTime())) { value = null; }
        }
        m[key] = value;
      });
    }
    camForm.on('store', function () {
      try { window.localStorage.setItem(storageKey(), JSON.stringify({ date: Date.now(), values: m })); } catch (e) { /* ignore */ }
    });
    camForm.on('submit-success', function () {
      try { window.localStorage.removeItem(storageKey()); } catch (e) { /* ignore */ }
    });

    // ---- the form's life cycle ----
    camForm.on('form-loaded', function () {
      applyTexts();
      READ.forEach(function (name) { vm.fetchVariable(name); });
      Object.keys(PREFILL).forEach(function (name) { vm.fetchVariable(name); });
    });

    camForm.on('variables-fetched', function () {
      READ.forEach(function (name) {
        ctx[name] = vm.variableValue(name);
        vm.destroyVariable(name); // read-only: never sent back
      });
      Object.keys(PREFILL).forEach(function (name) {
        var value = vm.variableValue(name);
        if (value !== null && value !== undefined) { m[PREFILL[name]] = value; }
        vm.destroyVariable(name); // sent again only through collect()
      });
      DOWNLOADS.forEach(function (name) {
        var v = vm.variable(name); // fetched by <a cam-file-download>; left alone, it is not sent back
        stored[name] = v && v.valueInfo && v.valueInfo.filename ? v.valueInfo.filename : null;
      });
      ctx.dueAtText = formatDate(ctx.dueAt, true);
      restoreSaved();
      afterFetch();
    });

    // write exactly the variables of collect(), with their types
    camForm.on('submit', function () {
      var form = $scope[FORM_NAME];
      var reading = Object.keys(files).some(function (key) { return files[key].reading; });
      if (reading || (form && form.$invalid) || typeof collect !== 'function') {
        camForm.submitPrevented = true;
        return;
      }
      collect(function put(name, type, value, valueInfo) {
        var v = vm.variable(name);
        if (!v) {
          v = { name: name };
          vm.createVariable(v);
        }
        v.type = type;
        v.value = value;
        if (valueInfo) { v.valueInfo = valueInfo; } else { delete v.valueInfo; }
      });
    });

    // hides the form's "Jospar form library not loaded" alert
    $scope.josparReady = true;

    return {
      m: m, ctx: ctx, files: files, stored: stored,
      hasText: hasText, formatDate: formatDate, dateValue: dateValue, putFile: putFile
    };
  }

  window.JosparForms = { version: 1, init: init };
})(window);
