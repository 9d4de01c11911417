package dev.scheduler.harness.google;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OAuth server's state: registered clients, one-time codes, grants (refresh tokens) and access
 * tokens. Thread-safe: every method locks this object.
 */
final class OAuthServerState {
  /** One user's consent to one client: what a refresh token stands for. */
  static final class Grant {
    final String user;
    final String clientId;
    final String scope;
    final String refreshToken;
    boolean revoked;

    Grant(String user, String clientId, String scope, String refreshToken) {
      this.user = user;
      this.clientId = clientId;
      this.scope = scope;
      this.refreshToken = refreshToken;
    }
  }

  /** A bearer token and what it may do; grant is null for tokens issued without access_type=offline. */
  record AccessToken(String token, String user, String clientId, Set<String> scopes,
      Instant expiresAt, Grant grant) {}

  /** What the consent step remembers for the code exchange. */
  record PendingCode(String clientId, String redirectUri, String user, String scope,
      String codeChallenge, String challengeMethod, boolean issueRefreshToken) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> clientSecrets = new HashMap<>();
  private final Map<String, PendingCode> codes = new HashMap<>();
  private final Map<String, Grant> grantsByRefreshToken = new HashMap<>();
  private final Map<String, AccessToken> accessTokens = new HashMap<>();
  /** user|client pairs that consented offline before: Google gives them no new refresh token. */
  private final Set<String> offlineConsents = new HashSet<>();
  private Duration accessTokenLifetime = Duration.ofSeconds(3599);

  synchronized void registerClient(String clientId, String secret) {
    clientSecrets.put(clientId, secret);
  }

  synchronized boolean knowsClient(String clientId) {
    return clientSecrets.containsKey(clientId);
  }

  synchronized boolean secretMatches(String clientId, String secret) {
    return secret != null && secret.equals(clientSecrets.get(clientId));
  }

  synchronized void accessTokenLifetime(Duration lifetime) {
    accessTokenLifetime = lifetime;
  }

  synchronized Duration accessTokenLifetime() {
    return accessTokenLifetime;
  }

  /**
   * Records a consent and returns its one-time code. As at Google, a refresh token comes only with
   * access_type=offline, and only on the first offline consent unless prompt=consent forces it.
   */
  synchronized String consent(String clientId, String redirectUri, String user, String scope,
      String codeChallenge, String challengeMethod, boolean offline, boolean promptConsent) {
    boolean firstOffline = offline && offlineConsents.add(user + "|" + clientId);
    String code = "4/" + randomToken(32);
    codes.put(code, new PendingCode(clientId, redirectUri, user, scope, codeChallenge,
        challengeMethod, firstOffline || (offline && promptConsent)));
    return code;
  }

  /** Removes and returns the code: a code works once, even when the exchange then fails. */
  synchronized PendingCode redeemCode(String code) {
    return codes.remove(code);
  }

  synchronized Grant newGrant(String user, String clientId, String scope) {
    Grant grant = new Grant(user, clientId, scope, "1//" + randomToken(48));
    grantsByRefreshToken.put(grant.refreshToken, grant);
    offlineConsents.add(user + "|" + clientId);
    return grant;
  }

  synchronized Grant liveGrant(String refreshToken) {
    Grant grant = grantsByRefreshToken.get(refreshToken);
    return grant == null || grant.revoked ? null : grant;
  }

  synchronized AccessToken issueAccessToken(String user, String clientId, String scope,
      Grant grant) {
    AccessToken token = new AccessToken("ya29." + randomToken(64), user, clientId,
        Set.of(scope.split(" ")), Instant.now().plus(accessTokenLifetime), grant);
    accessTokens.put(token.token(), token);
    return token;
  }

  /** The token if it is known, unexpired and its grant not revoked; otherwise null. */
  synchronized AccessToken validAccessToken(String token) {
    AccessToken found = accessTokens.get(token);
    if (found == null || !Instant.now().isBefore(found.expiresAt())
        || (found.grant() != null && found.grant().revoked)) {
      return null;
    }
    return found;
  }

  /** Revokes the grant behind a refresh or access token; false when it is unknown or already dead. */
  synchronized boolean revoke(String token) {
    AccessToken access = accessTokens.remove(token);
    Grant grant = grantsByRefreshToken.get(token);
    if (grant == null && access != null) {
      grant = access.grant();
    }
    boolean live = access != null || (grant != null && !grant.revoked);
    if (grant != null) {
      grant.revoked = true;
      accessTokens.values().removeIf(t -> t.grant() != null && t.grant().revoked);
    }
    return live;
  }

  /** The user removed the app's access: all their grants die, as do the access tokens from them. */
  synchronized void revokeAllFor(String user) {
    grantsByRefreshToken.values().stream().filter(g -> g.user.equals(user))
        .forEach(g -> g.revoked = true);
    accessTokens.values().removeIf(t -> t.user().equals(user));
  }

  synchronized void expireAllAccessTokens() {
    Instant past = Instant.now().minusSeconds(1);
    List<AccessToken> expired = new ArrayList<>();
    for (AccessToken t : accessTokens.values()) {
      expired.add(new AccessToken(t.token(), t.user(), t.clientId(), t.scopes(), past, t.grant()));
    }
    expired.forEach(t -> accessTokens.put(t.token(), t));
  }

  private String randomToken(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }
}
