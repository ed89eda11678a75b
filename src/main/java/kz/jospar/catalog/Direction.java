package kz.jospar.catalog;

import kz.jospar.language.LocalizedText;

/** A direction (бағыт) of the plan, measured by one of the target indicators. */
public record Direction(String code, LocalizedText name, int indicator) {}
