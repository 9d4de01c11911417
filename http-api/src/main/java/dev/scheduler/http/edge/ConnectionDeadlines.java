package dev.scheduler.http.edge;

import java.time.Duration;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The header and body deadlines of one connection. pekko-http has none: its request timeout starts
 * once a head is parsed and its idle timeout never fires for a client that sends a byte a second,
 * so 2,100 such clients used to hold every connection slot.
 *
 * <p>Two parts share this object: {@link #inbound()} sits on the connection's bytes before the HTTP
 * parser and owns the timers (it fails the connection when one fires); {@link #requests()} sits
 * after the parser and tells it when a head was parsed and when its body was read. The head timer
 * runs from the connection's opening for its first request, and from the first byte after the
 * previous request for the next ones (so a kept-alive connection may idle, up to the idle timeout).
 */
final class ConnectionDeadlines {
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private volatile AsyncCallback<Boolean> headParsed;
  private volatile AsyncCallback<Long> bodyRead;
  private long requests;

  ConnectionDeadlines(EdgeSettings settings) {
    this.headerTimeout = settings.headerTimeout();
    this.bodyTimeout = settings.bodyTimeout();
  }

  Flow<ByteString, ByteString, NotUsed> inbound() {
    return Flow.fromGraph(new Inbound());
  }

  /** Watches each parsed request; runs on the parser's side, one request at a time. */
  Flow<HttpRequest, HttpRequest, NotUsed> requests() {
    return Flow.of(HttpRequest.class).map(this::watch);
  }

  private HttpRequest watch(HttpRequest request) {
    long number = ++requests;
    if (request.entity().isKnownEmpty() || request.entity().isStrict()) {
      headParsed.invoke(false);
      bodyRead.invoke(number);
      return request;
    }
    headParsed.invoke(true);
    Flow<ByteString, ByteString, Object> watched = Flow.of(ByteString.class)
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, failure) -> bodyRead.invoke(number));
          return (Object) notUsed;
        });
    // The Java API has no transformDataBytes; every entity is a Scala one underneath.
    var entity = (org.apache.pekko.http.scaladsl.model.RequestEntity) request.entity();
    return request.withEntity(entity.transformDataBytes(watched.asScala()));
  }

  /** Fails the connection's inbound bytes when a head or a body is late. */
  private final class Inbound extends GraphStage<FlowShape<ByteString, ByteString>> {
    private final Inlet<ByteString> in = Inlet.create("ConnectionDeadlines.in");
    private final Outlet<ByteString> out = Outlet.create("ConnectionDeadlines.out");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);

    @Override
    public FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
      return new TimerGraphStageLogic(shape) {
        private boolean waitingForFirstByte;
        private long answered;

        @Override
        public void preStart() {
          headParsed = createAsyncCallback(bodyPending -> {
            cancelTimer("head");
            waitingForFirstByte = false;
            if (bodyPending) {
              scheduleOnce("body", bodyTimeout);
            }
          });
          bodyRead = createAsyncCallback(number -> {
            cancelTimer("body");
            answered = number;
            waitingForFirstByte = true;
          });
          scheduleOnce("head", headerTimeout);
        }

        {
          setHandler(in, new AbstractInHandler() {
            @Override
            public void onPush() {
              ByteString bytes = grab(in);
              if (waitingForFirstByte && !bytes.isEmpty()) {
                waitingForFirstByte = false;
                scheduleOnce("head", headerTimeout);
              }
              push(out, bytes);
            }
          });
          setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
              pull(in);
            }
          });
        }

        @Override
        public void onTimer(Object key) {
          failStage(new SlowClientException("head".equals(key)
              ? "request head not complete within " + headerTimeout.toSeconds() + " s"
              : "request body not complete within " + bodyTimeout.toSeconds() + " s (after request " + answered + ")"));
        }
      };
    }
  }

  /** Ends a connection whose client is too slow; the connection is closed without an answer. */
  static final class SlowClientException extends RuntimeException {
    SlowClientException(String message) {
      super(message, null, false, false);
    }
  }
}
