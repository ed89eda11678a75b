/**
 * Camunda inside Jospar, and the only package that touches the engine's internals ({@code org.camunda.bpm..impl..}):
 * the engine plugins (the command policy, the authorization check of the task list, the schema step, the cluster
 * node, a listener on every user task), the engine's REST API and the webapps' door to it, the webapps' session, and
 * the small facades the rest of Jospar calls instead: the engine's clock, who it acts for, reads inside its command,
 * commands of Jospar's own. Besides this package, two of Camunda's mapping files are shadowed at Camunda's own path
 * ({@code src/main/resources/org/camunda/bpm/engine/impl/mapping/entity/}), where the engine looks for them.
 * Depends only on {@code access} and {@code language}.
 */
package kz.jospar.engine;
