package kz.jospar.absence;

/**
 * A claimed task handed to a deputy at the start of its holder's absence: published in the
 * hand-over's transaction, so that the deputy is told (mail, desk) with it or not at all.
 */
public record TaskHandedOver(String taskId, String absent, String deputy) {}
