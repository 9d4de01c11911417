package dev.scheduler.http.json;

/** The body of every error answer: a stable code and a sentence a person understands. */
public record ErrorJson(String error, String message) {}
