/**
 * A faithful fake of Google Calendar API v3 and Google's OAuth 2.0 endpoints, served over real HTTP
 * so that the official Google Java client can talk to it with only its root and token URLs changed.
 * Start with {@link dev.scheduler.harness.google.FakeGoogleCalendar}.
 */
package dev.scheduler.harness.google;
