/**
 * A real PostgreSQL for tests: {@link dev.scheduler.harness.postgres.PostgresTestServer}.
 *
 * <p>{@code shared()} gives one server per JVM; {@code createDatabase("prefix")} a fresh database per
 * test or per node. Set {@code SCHEDULER_TEST_DB_URL} (and {@code _USER}, {@code _PASSWORD}) to use an
 * existing server; otherwise a private one is started in a throwaway directory, from the machine's own
 * binaries ({@code InstalledPostgres}, run as the {@code postgres} OS user when the JVM is root) or
 * from zonky's embedded ones ({@code ZonkyPostgres}); {@code -Dscheduler.test.postgres=installed|embedded|auto}
 * picks which. Work directories left by a test JVM that died are cleaned up by the next one.
 */
package dev.scheduler.harness.postgres;
