/**
 * The plan's work: opening cycles exactly once, each body's report and its decisions, routing from Jospar's
 * records, control deadlines, reminders and escalations, extension requests, the plan status.
 */
package kz.jospar.reporting;
