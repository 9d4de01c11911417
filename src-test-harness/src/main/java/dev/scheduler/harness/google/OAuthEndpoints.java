package dev.scheduler.harness.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Google's consent screen (simulated: the chosen user always consents unless told otherwise), token
 * endpoint and revoke endpoint, plus the bearer check the Calendar endpoints rely on.
 */
final class OAuthEndpoints {
  static final String AUTHORIZATION_PATH = "/o/oauth2/v2/auth";
  static final String TOKEN_PATH = "/token";
  static final String REVOKE_PATH = "/revoke";

  /** RFC 7636 verifier: 43 to 128 unreserved characters. */
  private static final Pattern PKCE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final OAuthServerState tokens;
  private final Predicate<String> userExists;
  private final String defaultUser;
  private String nextConsentUser;
  private boolean nextConsentDenied;

  OAuthEndpoints(OAuthServerState tokens, Predicate<String> userExists, String defaultUser) {
    this.tokens = tokens;
    this.userExists = userExists;
    this.defaultUser = defaultUser;
  }

  synchronized void nextConsentBy(String user) {
    if (!userExists.test(user)) {
      throw new IllegalArgumentException("no such fake user: " + user);
    }
    nextConsentUser = user;
  }

  synchronized void nextConsentDenied() {
    nextConsentDenied = true;
  }

  /** GET /o/oauth2/v2/auth: validates like Google, then redirects back with a code or an error. */
  FakeResponse authorize(FakeRequest request) {
    String clientId = request.param("client_id");
    String redirectUri = request.param("redirect_uri");
    if (clientId == null || !tokens.knowsClient(clientId)) {
      return FakeResponse.page(401, "Error 401: invalid_client. The OAuth client was not found.");
    }
    if (redirectUri == null) {
      return FakeResponse.page(400,
          "Error 400: invalid_request. Missing required parameter: redirect_uri");
    }
    String state = request.param("state");
    if (!"code".equals(request.param("response_type"))) {
      return redirect(redirectUri, Map.of("error", "unsupported_response_type"), state);
    }
    String scope = request.param("scope");
    if (scope == null || scope.isBlank()) {
      return FakeResponse.page(400, "Error 400: invalid_request. Missing required parameter: scope");
    }
    String challenge = request.param("code_challenge");
    String method = request.param("code_challenge_method");
    if (challenge != null && method != null && !method.equals("S256") && !method.equals("plain")) {
      return FakeResponse.page(400,
          "Error 400: invalid_request. Invalid code_challenge_method: " + method);
    }
    String user;
    synchronized (this) {
      user = nextConsentUser != null ? nextConsentUser : defaultUser;
      boolean denied = nextConsentDenied;
      nextConsentUser = null;
      nextConsentDenied = false;
      if (denied) {
        return redirect(redirectUri, Map.of("error", "access_denied"), state);
      }
    }
    boolean promptConsent = request.param("prompt") != null
        && List.of(request.param("prompt").split(" ")).contains("consent");
    String code = tokens.consent(clientId, redirectUri, user, scope.trim(), challenge,
        challenge == null ? null : (method == null ? "plain" : method),
        "offline".equals(request.param("access_type")), promptConsent);
    return redirect(redirectUri, Map.of("code", code, "scope", scope.trim()), state);
  }

  /** POST /token: authorization_code and refresh_token grants, form-encoded as RFC 6749 says. */
  FakeResponse token(FakeRequest request) {
    Map<String, List<String>> form = request.formBody();
    String clientId = authenticateClient(request, form);
    String grantType = first(form, "grant_type");
    if ("authorization_code".equals(grantType)) {
      return exchangeCode(form, clientId);
    }
    if ("refresh_token".equals(grantType)) {
      return refresh(form, clientId);
    }
    throw new OAuthException(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
  }

  /** POST /revoke?token=... (or token in the form body). */
  FakeResponse revoke(FakeRequest request) {
    String token = request.param("token");
    if (token == null) {
      token = first(request.formBody(), "token");
    }
    if (token == null || !tokens.revoke(token)) {
      throw new OAuthException(400, "invalid_token", "Token expired or revoked");
    }
    return FakeResponse.json(200, GoogleJson.object());
  }

  /** The bearer token of an API request, or Google's 401 when it is missing, unknown or expired. */
  OAuthServerState.AccessToken authenticate(FakeRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw GoogleApiException.of(401, "required");
    }
    OAuthServerState.AccessToken valid = tokens.validAccessToken(header.substring(7).trim());
    if (valid == null) {
      throw GoogleApiException.of(401, "authError");
    }
    return valid;
  }

  private FakeResponse exchangeCode(Map<String, List<String>> form, String clientId) {
    String code = first(form, "code");
    if (code == null) {
      throw OAuthException.invalidRequest("Missing required parameter: code");
    }
    OAuthServerState.PendingCode pending = tokens.redeemCode(code);
    if (pending == null || !pending.clientId().equals(clientId)) {
      throw OAuthException.invalidGrant("Bad Request"); // Google's text for a used or foreign code
    }
    if (!pending.redirectUri().equals(first(form, "redirect_uri"))) {
      throw new OAuthException(400, "redirect_uri_mismatch", "Bad Request");
    }
    verifyPkce(pending, first(form, "code_verifier"));
    OAuthServerState.Grant grant = pending.issueRefreshToken()
        ? tokens.newGrant(pending.user(), clientId, pending.scope()) : null;
    OAuthServerState.AccessToken access =
        tokens.issueAccessToken(pending.user(), clientId, pending.scope(), grant);
    ObjectNode body = tokenBody(access, pending.scope());
    if (grant != null) {
      body.put("refresh_token", grant.refreshToken);
    }
    return noStore(FakeResponse.json(200, body));
  }

  private FakeResponse refresh(Map<String, List<String>> form, String clientId) {
    String refreshToken = first(form, "refresh_token");
    if (refreshToken == null) {
      throw OAuthException.invalidRequest("Missing required parameter: refresh_token");
    }
    OAuthServerState.Grant grant = tokens.liveGrant(refreshToken);
    if (grant == null) {
      throw OAuthException.invalidGrant("Token has been expired or revoked.");
    }
    if (!grant.clientId.equals(clientId)) {
      throw new OAuthException(401, "unauthorized_client", "Unauthorized");
    }
    OAuthServerState.AccessToken access = tokens.issueAccessToken(grant.user, clientId, grant.scope, grant);
    return noStore(FakeResponse.json(200, tokenBody(access, grant.scope)));
  }

  private ObjectNode tokenBody(OAuthServerState.AccessToken access, String scope) {
    // expires_in must be an integer: google-auth-library fails on a missing or fractional one.
    return GoogleJson.object().put("access_token", access.token())
        .put("expires_in", (int) tokens.accessTokenLifetime().toSeconds())
        .put("scope", scope).put("token_type", "Bearer");
  }

  private static void verifyPkce(OAuthServerState.PendingCode pending, String verifier) {
    if (pending.codeChallenge() == null) {
      return;
    }
    if (verifier == null) {
      throw OAuthException.invalidGrant("Missing code verifier.");
    }
    String expected = "S256".equals(pending.challengeMethod()) ? s256(verifier) : verifier;
    if (!PKCE_VERIFIER.matcher(verifier).matches() || !expected.equals(pending.codeChallenge())) {
      throw OAuthException.invalidGrant("Invalid code verifier.");
    }
  }

  /** Client id and secret from the form (ClientParametersAuthentication) or HTTP Basic. */
  private String authenticateClient(FakeRequest request, Map<String, List<String>> form) {
    String clientId = first(form, "client_id");
    String secret = first(form, "client_secret");
    String basic = request.header("Authorization");
    if (clientId == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      clientId = colon < 0 ? decoded : decoded.substring(0, colon);
      secret = colon < 0 ? null : decoded.substring(colon + 1);
    }
    if (clientId == null) {
      throw OAuthException.invalidRequest("Could not determine client ID from request.");
    }
    if (!tokens.knowsClient(clientId)) {
      throw new OAuthException(401, "invalid_client", "The OAuth client was not found.");
    }
    if (!tokens.secretMatches(clientId, secret)) {
      throw new OAuthException(401, "invalid_client", "Unauthorized");
    }
    return clientId;
  }

  private static FakeResponse redirect(String redirectUri, Map<String, String> params,
      String state) {
    StringBuilder location = new StringBuilder(redirectUri)
        .append(redirectUri.contains("?") ? '&' : '?');
    if (state != null) {
      location.append("state=").append(encode(state)).append('&');
    }
    params.forEach((k, v) -> location.append(k).append('=').append(encode(v)).append('&'));
    location.setLength(location.length() - 1);
    return FakeResponse.redirect(location.toString());
  }

  private static FakeResponse noStore(FakeResponse response) {
    response.headers().put("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    response.headers().put("Pragma", "no-cache");
    return response;
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
