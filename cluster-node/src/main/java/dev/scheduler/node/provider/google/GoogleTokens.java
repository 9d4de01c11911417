package dev.scheduler.node.provider.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scheduler.node.config.SecretBox;

/** Seals a connection's OAuth tokens for the journal, bound to that connection, and opens them again. */
public final class GoogleTokens {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

  private final SecretBox box;

  public GoogleTokens(SecretBox box) {
    this.box = box;
  }

  public String seal(String connectionId, OAuthTokens tokens) {
    try {
      return box.seal(MAPPER.writeValueAsString(tokens), owner(connectionId));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write OAuth tokens", e);
    }
  }

  public OAuthTokens open(String connectionId, String sealed) {
    try {
      return MAPPER.readValue(box.open(sealed, owner(connectionId)), OAuthTokens.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sealed OAuth tokens of " + connectionId + " are not readable");
    }
  }

  private static String owner(String connectionId) {
    return "google-connection:" + connectionId;
  }
}
