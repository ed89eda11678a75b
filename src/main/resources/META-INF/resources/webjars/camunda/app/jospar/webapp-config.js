// What Jospar sets in all four of Camunda's webapps (Welcome, Tasklist, Cockpit, Admin). Each app's
// scripts/config.js, which the app imports as an ES module at start, imports this one and adds its own.
export default {
  // Kazakh, Russian and English, each webapp's labels translated (locales/kk.json, locales/ru.json);
  // Kazakh, the state language, when the browser asks for none of them. The person's own choice (the
  // switch in the header) is applied by ../jospar/jospar-language.js, which wins over the browser's.
  locales: {
    availableLocales: ['kk', 'ru', 'en'],
    fallbackLocale: 'kk'
  },
  // relative to the app's folder: app/jospar/jospar-language.js
  customScripts: ['../jospar/jospar-language'],
  // no "welcome to Camunda" box at the first sign-in; the end-of-life banner is hidden by each app's
  // styles/user-styles.css (Camunda draws it unconditionally)
  disableWelcomeMessage: true
};
