/**
 * Absences and deputies: a person's claimed tasks, notifications and mails go to the deputy while they are away.
 */
package kz.jospar.absence;
