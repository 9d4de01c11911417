package dev.scheduler.node.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduler.protocol.model.Booking;
import dev.scheduler.protocol.model.BookingStatus;
import dev.scheduler.protocol.model.Invitee;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Booking BOOKING = new Booking("b1", "intro", Instant.parse("2027-03-02T14:00:00Z"),
      Instant.parse("2027-03-02T14:30:00Z"), 0, 10, new Invitee("Bo \"B\" <x>", "bo@example.com",
      ZoneId.of("Europe/Paris")), "Hi\nthere", BookingStatus.CONFIRMED, null, "key-1",
      Instant.parse("2027-03-01T13:00:00Z"), null);

  @Test
  void createdCarriesEventIdTypeTimeAndTheBooking() throws Exception {
    String booking = WebhookPayload.booking("h1", BOOKING);
    JsonNode body = MAPPER.readTree(WebhookPayload.event("h1-7", WebhookEventType.BOOKING_CREATED,
        BOOKING.createdAt(), booking));
    assertThat(body.get("id").asText()).isEqualTo("h1-7");
    assertThat(body.get("type").asText()).isEqualTo("booking.created");
    assertThat(body.get("time").asText()).isEqualTo("2027-03-01T13:00:00Z");
    JsonNode b = body.get("booking");
    assertThat(b.get("id").asText()).isEqualTo("b1");
    assertThat(b.get("hostId").asText()).isEqualTo("h1");
    assertThat(b.get("eventType").asText()).isEqualTo("intro");
    assertThat(b.get("start").asText()).isEqualTo("2027-03-02T14:00:00Z");
    assertThat(b.get("end").asText()).isEqualTo("2027-03-02T14:30:00Z");
    assertThat(b.get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(b.get("invitee").get("name").asText()).isEqualTo("Bo \"B\" <x>");
    assertThat(b.get("invitee").get("timeZone").asText()).isEqualTo("Europe/Paris");
    assertThat(b.get("notes").asText()).isEqualTo("Hi\nthere");
    assertThat(b.get("cancelReason").isNull()).isTrue();
    assertThat(b.has("idempotencyKey")).as("the invitee's idempotency key is not told").isFalse();
  }

  @Test
  void aMoveAndACancelChangeOnlyWhatTheyChange() throws Exception {
    String booked = WebhookPayload.booking("h1", BOOKING);
    String moved = WebhookPayload.moved(booked, Instant.parse("2027-03-03T15:00:00Z"),
        Instant.parse("2027-03-03T15:30:00Z"));
    String cancelled = WebhookPayload.cancelled(moved, "Ill today");
    JsonNode b = MAPPER.readTree(cancelled);
    assertThat(b.get("start").asText()).isEqualTo("2027-03-03T15:00:00Z");
    assertThat(b.get("end").asText()).isEqualTo("2027-03-03T15:30:00Z");
    assertThat(b.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(b.get("cancelReason").asText()).isEqualTo("Ill today");
    assertThat(b.get("invitee").get("email").asText()).isEqualTo("bo@example.com");
  }
}
