/**
 * The rules a task's completion must meet, checked in the engine's own command: the form's fields, four-eyes,
 * the documents' types, and the decision recorded from the form.
 */
package kz.jospar.completion;
