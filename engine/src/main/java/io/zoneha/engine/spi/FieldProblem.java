package io.zoneha.engine.spi;

/** One invalid field: {@code field} is relative to the resource or monitor ({@code vip}, ...). */
public record FieldProblem(String field, String message) {}
