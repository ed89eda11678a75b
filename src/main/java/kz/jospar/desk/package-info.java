/**
 * The people's desk: a person's work across plans, the task forms, bulk decisions, notifications, what a body sent,
 * extensions and absences on the desk, sign-in pages.
 */
package kz.jospar.desk;
