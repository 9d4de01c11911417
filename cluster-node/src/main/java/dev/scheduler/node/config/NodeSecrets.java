package dev.scheduler.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin token and the secret key of a node. Taken from configuration when given; a single
 * embedded node generates them into its data directory (readable by its owner only) on first start.
 * A cluster must be given both, since every node must accept the same tokens.
 *
 * @param adminTokenGenerated true when this start created the admin token, which is then shown once
 */
public record NodeSecrets(String adminToken, byte[] secretKey, boolean adminTokenGenerated, Path adminTokenFile) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static NodeSecrets load(NodeSettings settings) {
    if (settings.clusterMode() && (settings.adminToken().isEmpty() || settings.secretKey().isEmpty())) {
      throw new IllegalStateException("In cluster mode (SCHEDULER_DB_URL set) every node needs the same "
          + "SCHEDULER_ADMIN_TOKEN and SCHEDULER_SECRET_KEY (base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
    }
    Path tokenFile = settings.dataDir().resolve("admin-token");
    boolean generated = settings.adminToken().isEmpty() && !Files.exists(tokenFile);
    String adminToken = settings.adminToken().isEmpty() ? readOrCreate(tokenFile, Base64.getUrlEncoder().withoutPadding()) : settings.adminToken();
    String key = settings.secretKey().isEmpty()
        ? readOrCreate(settings.dataDir().resolve("secret-key"), Base64.getEncoder())
        : settings.secretKey();
    return new NodeSecrets(adminToken, decodeKey(key), generated, tokenFile);
  }

  private static byte[] decodeKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("SCHEDULER_SECRET_KEY is not base64", e);
    }
    if (key.length < 32) {
      throw new IllegalStateException("SCHEDULER_SECRET_KEY must decode to at least 32 bytes, not " + key.length);
    }
    return key;
  }

  private static String readOrCreate(Path file, Base64.Encoder encoder) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(file.getParent());
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      String value = encoder.encodeToString(random);
      writeDurably(file, value);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  // The key signs every booking token handed out from now on: a crash must leave either no file
  // (a new key is made at the next start, before any token) or the whole key, never an empty file
  // that stops the node from starting. Written aside, forced to disk, then renamed into place.
  private static void writeDurably(Path file, String value) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  @Override
  public String toString() {
    return "NodeSecrets[adminTokenFile=" + adminTokenFile + "]";
  }
}
