package kz.jospar.catalog;

/** A direction (бағыт) of the plan, measured by one of the target indicators. */
public record Direction(String code, LocalizedText name, int indicator) {}
