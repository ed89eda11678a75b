/**
 * What each schedule means: the working calendar of Kazakhstan, the periods and deadlines of every row of every plan.
 */
package kz.jospar.calendar;
