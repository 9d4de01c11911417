/**
 * A client for the node's REST API: {@link dev.scheduler.harness.client.SchedulerApiClient}, which
 * answers with an {@link dev.scheduler.harness.client.ApiResponse} whatever the status.
 */
package dev.scheduler.harness.client;
