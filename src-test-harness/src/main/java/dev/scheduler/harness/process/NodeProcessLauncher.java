package dev.scheduler.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node as its own OS process ({@code java -cp ... Main}) so tests can kill -9 it, freeze it
 * with SIGSTOP, or stop it gracefully, as real crashes and GC pauses would. A launcher can be
 * started again after the process ended, appending to the same log.
 */
public final class NodeProcessLauncher implements AutoCloseable {
  public static final String DEFAULT_MAIN_CLASS = "dev.scheduler.node.Main";
  private static final Logger LOG = LoggerFactory.getLogger(NodeProcessLauncher.class);
  private static final HttpClient PROBE = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1))
      .build();
  /** Nodes still running when the test JVM exits would hold ports and pools for the next run. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> RUNNING.forEach(Process::destroyForcibly), "node-process-reaper"));
  }

  private final String name;
  private final int httpPort;
  private final Map<String, String> env;
  private final Path logFile;
  private String mainClass = DEFAULT_MAIN_CLASS;
  private String classpath = System.getProperty("java.class.path");
  private final List<String> jvmArgs = new ArrayList<>();
  private Process process;
  private boolean paused;

  /**
   * @param name     for logs, e.g. "node-1"
   * @param httpPort where {@link #awaitReady} probes /health/ready
   * @param env      added to (and overriding) this JVM's environment
   * @param logFile  stdout and stderr of the node, appended
   */
  public NodeProcessLauncher(String name, int httpPort, Map<String, String> env, Path logFile) {
    this.name = name;
    this.httpPort = httpPort;
    this.env = new LinkedHashMap<>(env);
    this.logFile = logFile;
  }

  public NodeProcessLauncher mainClass(String mainClass) {
    this.mainClass = mainClass;
    return this;
  }

  public NodeProcessLauncher classpath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  /** Such as -Xmx256m; small heaps keep three nodes plus the test JVM within a CI machine. */
  public NodeProcessLauncher jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public synchronized NodeProcessLauncher start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running as pid " + process.pid());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath, mainClass));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + " (" + mainClass
          + ")\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      process = builder.start();
      paused = false;
      RUNNING.add(process);
      process.onExit().thenAccept(RUNNING::remove);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    LOG.info("Started {} as pid {} (http port {}, log {})", name, process.pid(), httpPort, logFile);
    return this;
  }

  /** Polls GET /health/ready until 200; fails fast, with the log tail, if the process dies. */
  public void awaitReady(Duration timeout) {
    // A monotonic deadline: a wall-clock jump must not shorten or stretch the wait.
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(readyUri()).timeout(Duration.ofSeconds(2)).GET().build();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + " before it was ready. Log tail:\n" + logTail(60));
      }
      try {
        HttpResponse<String> response = PROBE.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = "HTTP " + response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + name, e);
      }
      pollPause();
    }
    throw new IllegalStateException(name + " not ready within " + timeout + " (last: " + last
        + "). Log tail:\n" + logTail(60));
  }

  private static void pollPause() {
    try {
      Thread.sleep(100); // polling interval only; nothing asserts on time
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM (runs the node's shutdown hooks), then up to 30 s, then SIGKILL. */
  public synchronized void stop() {
    if (!isAlive()) {
      return;
    }
    resumeIfPaused(); // a stopped process cannot handle SIGTERM
    process.destroy();
    if (!waitForExit(Duration.ofSeconds(30))) {
      LOG.warn("{} ignored SIGTERM for 30 s; killing it", name);
      kill();
    }
  }

  /** Waits for the process to end by itself (after a signal sent from outside, say). */
  public boolean awaitExit(Duration timeout) {
    return process == null || waitForExit(timeout);
  }

  /** SIGKILL: the process gets no chance to clean up, like a crashed machine. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    if (!waitForExit(Duration.ofSeconds(30))) {
      throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
    }
  }

  /** SIGSTOP: the node freezes with its sockets open, like a long GC pause or a hung VM. */
  public synchronized void pause() {
    signal("STOP");
    paused = true;
  }

  public synchronized void resume() {
    signal("CONT");
    paused = false;
  }

  private void resumeIfPaused() {
    if (paused) {
      resume();
    }
  }

  private void signal(String signal) {
    if (!isAlive()) {
      throw new IllegalStateException(name + " is not running");
    }
    String pid = Long.toString(process.pid());
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
      String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Exit code of the last run; 143 after stop(), 137 after kill(). */
  public synchronized int exitValue() {
    if (process == null || process.isAlive()) {
      throw new IllegalStateException(name + " has not exited");
    }
    return process.exitValue();
  }

  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  public String logTail(int lines) {
    return TestFiles.tail(logFile, lines);
  }

  public String name() {
    return name;
  }

  public int httpPort() {
    return httpPort;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  public Path logFile() {
    return logFile;
  }

  private URI readyUri() {
    return URI.create(baseUrl() + "/health/ready");
  }

  /** Kills rather than stops: after a test, speed matters more than a graceful exit. */
  @Override
  public void close() {
    if (isAlive()) {
      kill();
    }
  }
}
