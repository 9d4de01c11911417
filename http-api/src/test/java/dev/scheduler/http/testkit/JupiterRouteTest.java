package dev.scheduler.http.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.RouteResult;
import org.apache.pekko.http.javadsl.testkit.RouteTest;
import org.apache.pekko.http.javadsl.testkit.TestRouteResult;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import scala.concurrent.Future;

/**
 * Pekko HTTP's route testkit for JUnit 5. The testkit ships only a JUnit 4 base ({@code JUnitRouteTest},
 * whose actor system is a JUnit 4 rule); this one starts an actor system per test class and reports
 * the testkit's assertions through Jupiter. The system is a (never joined) cluster member, so that
 * the admin cluster view has a cluster to describe.
 */
public abstract class JupiterRouteTest extends RouteTest {
  private static final Config CONFIG = ConfigFactory.parseString("""
      pekko.loglevel = WARNING
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      """);

  private static ActorTestKit testKit;

  @BeforeAll
  static void startActorSystem() {
    testKit = ActorTestKit.create("route-test", CONFIG);
  }

  @AfterAll
  static void stopActorSystem() {
    testKit.shutdownTestKit();
    testKit = null;
  }

  protected static org.apache.pekko.actor.typed.ActorSystem<Void> typedSystem() {
    return testKit.system();
  }

  @Override
  public ActorSystem system() {
    return Adapter.toClassic(testKit.system());
  }

  @Override
  public Materializer materializer() {
    return Materializer.matFromSystem(testKit.system());
  }

  @Override
  public TestRouteResult createTestRouteResultAsync(HttpRequest request, Future<RouteResult> result) {
    return new TestRouteResult(result, awaitDuration(), system().dispatcher(), materializer()) {
      @Override
      public void fail(String message) {
        Assertions.fail(message + " (request: " + request + ")");
      }

      @Override
      public void assertEquals(Object expected, Object actual, String message) {
        Assertions.assertEquals(expected, actual, () -> message + " (request: " + request + ")");
      }

      @Override
      public void assertEquals(int expected, int actual, String message) {
        Assertions.assertEquals(expected, actual, () -> message + " (request: " + request + ")");
      }

      @Override
      public void assertTrue(boolean predicate, String message) {
        Assertions.assertTrue(predicate, () -> message + " (request: " + request + ")");
      }
    };
  }
}
