/**
 * Operations: the schema step, health and metrics, the cluster node, the outage answers, the engine plugins and the
 * engine's REST API as Jospar exposes it.
 */
package kz.jospar.ops;
