package kz.jospar.catalog;

/**
 * One responsible executor of a row: a body or a group of bodies from the bodies directory.
 *
 * @param byAgreement "(келісу бойынша)": a participant that can be asked, not ordered
 */
public record Executor(String body, boolean byAgreement) {}
