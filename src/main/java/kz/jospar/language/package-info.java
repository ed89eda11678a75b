/**
 * A person's language: the words of Jospar in kk, ru and en, how a request's language is chosen, a person's
 * settings, texts in three languages, and refusals that name a field in the reader's language (API errors, form
 * rejections). Depends only on {@code access}.
 */
package kz.jospar.language;
