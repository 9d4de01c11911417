package dev.scheduler.node.provider.ics.fetch;

import dev.scheduler.node.provider.ics.fetch.FeedFailure.Category;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Resolve once, check every address, connect to the checked one: the SSRF defence of every
 * outbound request the node makes to an address a user gave (ICS feeds, webhooks). There is no
 * second lookup a rebinding DNS server could answer differently. TLS then runs over the socket
 * opened to the checked address, with the URL's host name for SNI and certificate checking.
 */
public final class PinnedAddresses {
  private PinnedAddresses() {}

  /** Every address the name has must be allowed: one private answer among public ones refuses it. */
  public static InetAddress[] resolveChecked(FeedFetcher.Resolver resolver, AddressPolicy policy, String host,
      int port) throws FeedFailure {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new FeedFailure(Category.NOT_RESOLVED);
    }
    for (InetAddress address : addresses) {
      if (!policy.permits(address, port)) {
        throw new FeedFailure(Category.REFUSED_ADDRESS);
      }
    }
    return addresses;
  }

  /** TLS over a socket already connected to a checked address; the certificate must name {@code host}. */
  public static Socket tls(Socket plain, String host, int port) throws IOException {
    SSLSocket socket;
    try {
      socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS", e);
    }
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
    if (!host.contains(":") && !host.matches("[0-9.]+")) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }
}
