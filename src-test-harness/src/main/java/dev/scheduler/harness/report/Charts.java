package dev.scheduler.harness.report;

import dev.scheduler.harness.load.LatencySummary;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts, drawn headless with XChart; one line per system. */
final class Charts {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 420;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** Requests completed per second over time. */
  static void throughput(Report report, Path file) throws IOException {
    XYChart chart = chart("Requests completed per second (all operations)", "requests/s", false);
    for (SystemReport system : report.systems()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (SecondReport second : system.series()) {
        x.add((double) second.second());
        y.add((double) second.completed());
      }
      addSeries(chart, system.system(), x, y);
    }
    write(file, image(chart));
  }

  /** Booking latency over time: p50, p99 and p99.9, one panel each, one line per system. */
  static void latency(Report report, Path file) throws IOException {
    List<BufferedImage> panels = new ArrayList<>();
    panels.add(image(latencyPanel(report, "p50", LatencySummary::p50)));
    panels.add(image(latencyPanel(report, "p99", LatencySummary::p99)));
    panels.add(image(latencyPanel(report, "p99.9", LatencySummary::p999)));
    BufferedImage all = new BufferedImage(WIDTH, HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    try {
      for (int i = 0; i < panels.size(); i++) {
        g.drawImage(panels.get(i), 0, i * HEIGHT, null);
      }
    } finally {
      g.dispose();
    }
    write(file, all);
  }

  private static XYChart latencyPanel(Report report, String name, ToDoubleFunction<LatencySummary> percentile) {
    XYChart chart = chart("Booking latency " + name + " per second (from intended send time)", "ms", true);
    for (SystemReport system : report.systems()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (SecondReport second : system.series()) {
        SecondOperation book = second.operations().get("book");
        if (book != null && book.latencyMs() != null && book.latencyMs().count() > 0) {
          x.add((double) second.second());
          y.add(Math.max(0.001, percentile.applyAsDouble(book.latencyMs())));
        }
      }
      addSeries(chart, system.system(), x, y);
    }
    return chart;
  }

  private static XYChart chart(String title, String yTitle, boolean logarithmic) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("seconds since start").yAxisTitle(yTitle).build();
    Styler.LegendPosition legend = Styler.LegendPosition.OutsideE;
    chart.getStyler().setLegendPosition(legend);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  private static void addSeries(XYChart chart, String name, List<Double> x, List<Double> y) {
    if (x.isEmpty()) {
      return;
    }
    String unique = name;
    for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
      unique = name + " (" + i + ")";
    }
    XYSeries series = chart.addSeries(unique, x, y);
    series.setMarker(SeriesMarkers.NONE);
  }

  /** The chart as an image; a chart with no data at all says so instead (XChart cannot draw it). */
  private static BufferedImage image(XYChart chart) {
    if (chart.getSeriesMap().isEmpty()) {
      BufferedImage empty = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = empty.createGraphics();
      try {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        g.drawString(chart.getTitle() + ": no data", 40, HEIGHT / 2);
      } finally {
        g.dispose();
      }
      return empty;
    }
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static void write(Path file, BufferedImage image) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer");
      }
    }
  }
}
