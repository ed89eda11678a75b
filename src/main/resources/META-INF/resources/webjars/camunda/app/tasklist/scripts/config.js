// Camunda's Tasklist imports this module at start: Jospar's settings of every webapp
// (../../jospar/webapp-config.js: languages, the language switch, no welcome box), and Tasklist's own.
import jospar from '../../jospar/webapp-config.js';

export default {
  ...jospar,
  // the embedded task forms' shared part (forms/*.html), imported before AngularJS starts, so it is
  // there before any form opens; after jospar-language.js, which it asks for the language
  customScripts: [...jospar.customScripts, 'scripts/jospar-forms.js'],

  // Camunda's default keyboard shortcuts of Tasklist, kept as its own config.js has them
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
