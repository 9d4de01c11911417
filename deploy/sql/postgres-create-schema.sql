-- Journal, tags, snapshots and durable state for pekko-persistence-jdbc 1.1.1 on PostgreSQL.
-- Taken from the plugin's schema/postgres/postgres-create-schema.sql, made re-runnable (IF NOT EXISTS).
-- CREATE INDEX CONCURRENTLY cannot run inside a transaction: run each statement with autocommit.

CREATE TABLE IF NOT EXISTS public.event_journal(
  ordering BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  deleted BOOLEAN DEFAULT FALSE NOT NULL,

  writer VARCHAR(255) NOT NULL,
  write_timestamp BIGINT,
  adapter_manifest VARCHAR(255),

  event_ser_id INTEGER NOT NULL,
  event_ser_manifest VARCHAR(255) NOT NULL,
  event_payload BYTEA NOT NULL,

  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,

  PRIMARY KEY(persistence_id, sequence_number)
);

CREATE UNIQUE INDEX IF NOT EXISTS event_journal_ordering_idx ON public.event_journal(ordering);

CREATE TABLE IF NOT EXISTS public.event_tag(
    event_id BIGINT,
    tag VARCHAR(256),
    PRIMARY KEY(event_id, tag),
    CONSTRAINT fk_event_journal
      FOREIGN KEY(event_id)
      REFERENCES event_journal(ordering)
      ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS public.snapshot (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  created BIGINT NOT NULL,

  snapshot_ser_id INTEGER NOT NULL,
  snapshot_ser_manifest VARCHAR(255) NOT NULL,
  snapshot_payload BYTEA NOT NULL,

  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,

  PRIMARY KEY(persistence_id, sequence_number)
);

CREATE TABLE IF NOT EXISTS public.durable_state (
    global_offset BIGSERIAL,
    persistence_id VARCHAR(255) NOT NULL,
    revision BIGINT NOT NULL,
    state_payload BYTEA NOT NULL,
    state_serial_id INTEGER NOT NULL,
    state_serial_manifest VARCHAR(255),
    tag VARCHAR,
    state_timestamp BIGINT NOT NULL,
    PRIMARY KEY(persistence_id)
    );
CREATE INDEX CONCURRENTLY IF NOT EXISTS state_tag_idx on public.durable_state (tag);
CREATE INDEX CONCURRENTLY IF NOT EXISTS state_global_offset_idx on public.durable_state (global_offset);

-- Read sides (cluster-node's dev.scheduler.node.readside; docs/read-side.md).
-- Projection offsets and pause flags as pekko-projection-jdbc 1.0.0's PostgreSQL dialect expects them.
CREATE TABLE IF NOT EXISTS public.pekko_projection_offset_store (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  current_offset VARCHAR(255) NOT NULL,
  manifest VARCHAR(4) NOT NULL,
  mergeable BOOLEAN NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY(projection_name, projection_key)
);
CREATE INDEX CONCURRENTLY IF NOT EXISTS projection_name_index ON public.pekko_projection_offset_store (projection_name);

CREATE TABLE IF NOT EXISTS public.pekko_projection_management (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  paused BOOLEAN NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY(projection_name, projection_key)
);

-- Events each exactly-once projection instance applied, counted in the offset's transaction.
CREATE TABLE IF NOT EXISTS public.read_side_progress (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  events_handled BIGINT NOT NULL,
  PRIMARY KEY(projection_name, projection_key)
);

-- Bookings as the read side knows them; revision rises on every reschedule and cancel.
CREATE TABLE IF NOT EXISTS public.read_side_bookings (
  host_id VARCHAR(255) NOT NULL,
  booking_id VARCHAR(255) NOT NULL,
  event_type VARCHAR(255) NOT NULL,
  start_at TIMESTAMP WITH TIME ZONE NOT NULL,
  end_at TIMESTAMP WITH TIME ZONE NOT NULL,
  invitee_name VARCHAR NOT NULL,
  invitee_email VARCHAR NOT NULL,
  invitee_zone VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  cancel_reason VARCHAR,
  revision INTEGER NOT NULL,
  last_sequence_nr BIGINT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY(host_id, booking_id)
);

-- Outbound messages (mail now, webhooks next): written by an exactly-once read side in the
-- projection's transaction, sent by one dispatcher per cluster. message_id is stable: a repeat
-- insert finds it and adds nothing. state: pending, sent, failed, obsolete. A message still
-- pending at expires_at (a reminder when its booking starts) becomes obsolete unsent.
CREATE TABLE IF NOT EXISTS public.notify_outbox (
  message_id VARCHAR(255) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  host_id VARCHAR(255) NOT NULL,
  booking_id VARCHAR(255) NOT NULL,
  event_seq_nr BIGINT NOT NULL,
  audience VARCHAR(16) NOT NULL,
  recipient TEXT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  payload TEXT NOT NULL,
  due_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE,
  attempts INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL,
  last_error TEXT,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY(message_id)
);

CREATE INDEX CONCURRENTLY IF NOT EXISTS notify_outbox_due_idx ON public.notify_outbox(state, due_at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS notify_outbox_booking_idx ON public.notify_outbox(host_id, booking_id);

-- What booking mail needs beyond the booking event: the host, event-type titles and reminders
-- ("<minutes>:<invitee|host|both>" separated by commas).
CREATE TABLE IF NOT EXISTS public.notify_hosts (
  host_id VARCHAR(255) NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  time_zone VARCHAR(64) NOT NULL,
  PRIMARY KEY(host_id)
);

CREATE TABLE IF NOT EXISTS public.notify_event_types (
  host_id VARCHAR(255) NOT NULL,
  slug VARCHAR(255) NOT NULL,
  title TEXT NOT NULL,
  reminders TEXT NOT NULL,
  PRIMARY KEY(host_id, slug)
);

-- Outbound webhooks (docs/webhooks.md). A host's subscriptions: the signing secret is sealed with
-- the node's key (AES-256-GCM, bound to the subscription id). state: active or disabled; a
-- disabled one says why and since when, and gets nothing more. failing_since: the first failed
-- attempt since the last success, or NULL.
CREATE TABLE IF NOT EXISTS public.webhook_subscriptions (
  subscription_id VARCHAR(64) NOT NULL,
  host_id VARCHAR(255) NOT NULL,
  url VARCHAR(2048) NOT NULL,
  events VARCHAR(255) NOT NULL,
  secret_sealed TEXT NOT NULL,
  state VARCHAR(16) NOT NULL,
  disabled_reason TEXT,
  disabled_since TIMESTAMP WITH TIME ZONE,
  failing_since TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY(subscription_id)
);

CREATE INDEX CONCURRENTLY IF NOT EXISTS webhook_subscriptions_host_idx ON public.webhook_subscriptions(host_id);

-- The booking as the webhook read side last told it (a cancel or a move carries only the change).
CREATE TABLE IF NOT EXISTS public.webhook_bookings (
  host_id VARCHAR(255) NOT NULL,
  booking_id VARCHAR(255) NOT NULL,
  booking TEXT NOT NULL,
  last_sequence_nr BIGINT NOT NULL,
  PRIMARY KEY(host_id, booking_id)
);

-- Every attempt to deliver a webhook: HTTP status, or the error when there was none. The latest
-- attempts of each subscription are kept (scheduler.webhooks.attempts-kept), older ones deleted.
CREATE TABLE IF NOT EXISTS public.webhook_deliveries (
  attempt_id BIGINT GENERATED BY DEFAULT AS IDENTITY,
  subscription_id VARCHAR(64) NOT NULL,
  event_id VARCHAR(255) NOT NULL,
  event_type VARCHAR(32) NOT NULL,
  attempt_no INTEGER NOT NULL,
  attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  status_code INTEGER,
  error TEXT,
  latency_ms BIGINT NOT NULL,
  PRIMARY KEY(attempt_id)
);

CREATE INDEX CONCURRENTLY IF NOT EXISTS webhook_deliveries_subscription_idx
  ON public.webhook_deliveries(subscription_id, attempt_id);

-- The calendar write-back's outbox: one row per booking change a calendar connection must write,
-- written by an exactly-once read side in the projection's transaction; each connection's writer
-- reads its own rows after its offset (a host-journal sequence number) through the primary key.
-- A replay finds the row and adds nothing. The booking's fields are there for an upsert only.
CREATE TABLE IF NOT EXISTS public.calendar_writeback_outbox (
  connection_id VARCHAR(255) NOT NULL,
  host_id VARCHAR(255) NOT NULL,
  sequence_nr BIGINT NOT NULL,
  booking_id VARCHAR(255) NOT NULL,
  action VARCHAR(16) NOT NULL,
  intent_version BIGINT NOT NULL,
  summary TEXT,
  description TEXT,
  start_at TIMESTAMP WITH TIME ZONE,
  end_at TIMESTAMP WITH TIME ZONE,
  invitee_email TEXT,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY(connection_id, host_id, sequence_nr)
);

-- Analytics (issue 15): one row per booking with what the figures need, kept exactly once by the
-- booking-facts read side. booked_at is when the booking was confirmed, start_at its meeting's
-- current start; reschedules counts the moves. last_sequence_nr makes a repeated event change nothing.
CREATE TABLE IF NOT EXISTS public.read_side_booking_facts (
  host_id VARCHAR(255) NOT NULL,
  booking_id VARCHAR(255) NOT NULL,
  start_at TIMESTAMP WITH TIME ZONE NOT NULL,
  booked_at TIMESTAMP WITH TIME ZONE NOT NULL,
  status VARCHAR(16) NOT NULL,
  cancel_reason TEXT,
  reschedules INTEGER NOT NULL,
  last_sequence_nr BIGINT NOT NULL,
  PRIMARY KEY(host_id, booking_id)
);

CREATE INDEX CONCURRENTLY IF NOT EXISTS read_side_booking_facts_start_idx ON public.read_side_booking_facts(host_id, start_at);

-- How far the booking-facts read side got for each host: the last event of the host it applied
-- (any kind of event) and when the journal wrote it; the analytics answer's asOf.
CREATE TABLE IF NOT EXISTS public.read_side_analytics_hosts (
  host_id VARCHAR(255) NOT NULL,
  last_sequence_nr BIGINT NOT NULL,
  last_event_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY(host_id)
);

-- Shard leases (issue 13): a shard starts its entities only while its node holds the shard's row,
-- so a host's single writer is fenced when its shard moves after a node fault. expires_at is set
-- by the database's clock on every renewal; another node may take a row only once it has expired.
CREATE TABLE IF NOT EXISTS public.shard_leases (
  name VARCHAR(255) NOT NULL,
  owner VARCHAR(255) NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY(name)
);
