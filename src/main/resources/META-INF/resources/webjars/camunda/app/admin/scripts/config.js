// Camunda's webapp imports this module at start. Jospar's settings are those of every webapp:
// ../../jospar/webapp-config.js (languages, the language switch, no welcome box).
import jospar from '../../jospar/webapp-config.js';

export default jospar;
