package dev.scheduler.node.notify.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on the loopback that refuses every recipient with a chosen reply (say
 * "550 5.1.1 No such user"), or that accepts connections and never says a word. GreenMail accepts
 * every message, so the refusals a real server gives are played here.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final String recipientReply;
  private final boolean silent;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger mailCommands = new AtomicInteger();
  private final Thread acceptor;

  private ScriptedSmtpServer(String recipientReply, boolean silent) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.recipientReply = recipientReply;
    this.silent = silent;
    this.acceptor = new Thread(this::acceptAll, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static ScriptedSmtpServer refusingRecipients(String reply) throws IOException {
    return new ScriptedSmtpServer(reply, false);
  }

  static ScriptedSmtpServer silent() throws IOException {
    return new ScriptedSmtpServer(null, true);
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  /** How many MAIL FROM commands arrived: a message was about to be sent. */
  int mailCommands() {
    return mailCommands.get();
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        connections.incrementAndGet();
        socket.setSoTimeout(10_000);
        if (silent) {
          // Hold the connection open without a greeting until the client gives up.
          socket.getInputStream().read();
        } else {
          converse(socket);
        }
      } catch (IOException closedOrGone) {
        // The test is over, or the client hung up: take the next connection, if any.
      }
    }
  }

  private void converse(Socket socket) throws IOException {
    var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = socket.getOutputStream();
    say(out, "220 scripted.test ESMTP");
    for (String line; (line = in.readLine()) != null; ) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        say(out, "250 scripted.test");
      } else if (command.startsWith("MAIL FROM")) {
        mailCommands.incrementAndGet();
        say(out, "250 2.1.0 Ok");
      } else if (command.startsWith("RCPT TO")) {
        say(out, recipientReply);
      } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
        say(out, "250 2.0.0 Ok");
      } else if (command.startsWith("QUIT")) {
        say(out, "221 2.0.0 Bye");
        return;
      } else {
        say(out, "502 5.5.2 Not implemented");
      }
    }
  }

  private static void say(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
