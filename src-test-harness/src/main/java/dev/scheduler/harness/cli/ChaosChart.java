package dev.scheduler.harness.cli;

import dev.scheduler.harness.load.FailedAttempt;
import dev.scheduler.harness.load.Operation;
import dev.scheduler.harness.load.OperationSecond;
import dev.scheduler.harness.load.SecondStats;
import dev.scheduler.harness.load.SystemRun;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code chaos.png}: over the whole load, requests completed and attempts failed per second, and
 * booking latency per second, with each fault shaded from its injection until the cluster was
 * whole again.
 */
final class ChaosChart {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 420;
  private static final Color[] SHADES = {new Color(230, 80, 60, 70), new Color(60, 120, 230, 70),
      new Color(240, 170, 30, 80), new Color(140, 60, 200, 70)};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChaosChart() {}

  static void write(Path file, SystemRun run, ChaosReport report) throws IOException {
    Instant start = run.startedAt();
    XYChart throughput = chart("Requests per second through the faults (shaded: injection until the cluster is whole)",
        "requests/s", false);
    List<Double> x = new ArrayList<>();
    List<Double> completed = new ArrayList<>();
    double top = 1;
    for (SecondStats second : run.series()) {
      x.add((double) second.second());
      completed.add((double) second.completed());
      top = Math.max(top, second.completed());
    }
    TreeMap<Long, Double> failedPerSecond = new TreeMap<>();
    run.series().forEach(s -> failedPerSecond.put((long) s.second(), 0.0));
    for (FailedAttempt attempt : run.failures().attempts()) {
      long second = Math.max(0, Duration.between(start, attempt.answeredAt()).toSeconds());
      failedPerSecond.merge(second, 1.0, Double::sum);
    }
    top = Math.max(top, failedPerSecond.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
    shade(throughput, report, start, 0, top);
    line(throughput, "completed", x, completed, Color.DARK_GRAY);
    line(throughput, "failed attempts", new ArrayList<>(failedPerSecond.keySet().stream().map(Long::doubleValue)
        .toList()), new ArrayList<>(failedPerSecond.values()), Color.RED);

    XYChart latency = chart("Booking latency per second, from intended send time (ms, log scale)", "ms", true);
    List<Double> lx = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    double max = 1;
    double min = 1;
    for (SecondStats second : run.series()) {
      OperationSecond book = second.operation(Operation.BOOK);
      if (book != null && book.latency().count() > 0) {
        lx.add((double) second.second());
        p50.add(Math.max(0.01, book.latency().p50()));
        p99.add(Math.max(0.01, book.latency().p99()));
        max = Math.max(max, book.latency().p99());
        min = Math.min(min, Math.max(0.01, book.latency().p50()));
      }
    }
    shade(latency, report, start, min, max);
    line(latency, "p50", lx, p50, Color.DARK_GRAY);
    line(latency, "p99", lx, p99, Color.RED);

    BufferedImage all = new BufferedImage(WIDTH, HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    try {
      g.drawImage(BitmapEncoder.getBufferedImage(throughput), 0, 0, null);
      g.drawImage(BitmapEncoder.getBufferedImage(latency), 0, HEIGHT, null);
    } finally {
      g.dispose();
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      if (!ImageIO.write(all, "png", out)) {
        throw new IOException("no PNG writer");
      }
    }
  }

  private static XYChart chart(String title, String yTitle, boolean logarithmic) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("seconds since the load started").yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /** Each fault as a filled box from injection to whole again, as high as the panel's data. */
  private static void shade(XYChart chart, ChaosReport report, Instant start, double bottom, double top) {
    int i = 0;
    for (ChaosReport.FaultReport fault : report.faults()) {
      double from = Duration.between(start, fault.injectedAt()).toMillis() / 1000.0;
      double to = Math.max(from + 0.5, Duration.between(start, fault.healedAt()).toMillis() / 1000.0);
      XYSeries box = chart.addSeries(unique(chart, fault.fault()), List.of(from, from, to, to),
          List.of(bottom, top, top, bottom));
      box.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      box.setMarker(SeriesMarkers.NONE);
      box.setFillColor(SHADES[i % SHADES.length]);
      box.setLineColor(SHADES[i % SHADES.length]);
      i++;
    }
  }

  private static void line(XYChart chart, String name, List<Double> x, List<Double> y, Color color) {
    if (x.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(unique(chart, name), x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
  }

  private static String unique(XYChart chart, String name) {
    String unique = name;
    for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
      unique = name + " (" + i + ")";
    }
    return unique;
  }
}
