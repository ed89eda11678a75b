/**
 * The plans as data: loading and validating the catalog files (plans, bodies) with {@code file:line} errors, the
 * plans side by side and every version a cycle ran under ({@link kz.jospar.catalog.PlanVersions}).
 */
package kz.jospar.catalog;
