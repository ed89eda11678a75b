/**
 * The plan monitor: a year of a plan by body and item, quotas, indicators, and its XLSX, PDF and CSV exports.
 */
package kz.jospar.monitor;
