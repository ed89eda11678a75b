/**
 * E-mail notifications: the outbox, the sender with its retries, the daily digest, the texts in the reader's language.
 */
package kz.jospar.mail;
