package dev.scheduler.protocol.api;

/** The body of every error answer: a stable code and a sentence a person understands. */
public record ErrorResponse(String error, String message) {}
