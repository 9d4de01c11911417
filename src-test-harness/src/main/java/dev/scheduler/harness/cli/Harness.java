package dev.scheduler.harness.cli;

import dev.scheduler.harness.baseline.BaselineCommand;
import dev.scheduler.harness.baseline.FloorCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load harness's command line: {@code harness run ...}, {@code harness report DIR},
 * {@code harness compare ...}, {@code harness chaos ...}. Exit
 * codes: 0 done (and the audit passed, if there was one), 1 the audit found violations, 2 bad
 * arguments, 3 the run could not be done (setup failed, journal unreadable, ...).
 */
@Command(name = "harness", mixinStandardHelpOptions = true, version = "harness 0.1",
    description = "Open-loop load tests with an audit of what the system stored.",
    subcommands = {RunCommand.class, ReportCommand.class, CompareCommand.class, ChaosCommand.class,
        BaselineCommand.class, FloorCommand.class, CommandLine.HelpCommand.class})
public final class Harness implements Runnable {
  public static final int AUDIT_FAILED = 1;
  public static final int ERROR = 3;
  /** The console configuration of logback that this jar carries (not logback.xml: see the file). */
  static final String LOGGING_CONFIG = "harness-logback.xml";
  static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // First: logback reads the property once, when the first logger is made.
    useHarnessLogging();
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine().execute(args));
  }

  /** Points logback at {@link #LOGGING_CONFIG}, unless -Dlogback.configurationFile names a file already. */
  static void useHarnessLogging() {
    if (System.getProperty(LOGBACK_CONFIG_PROPERTY) == null) {
      System.setProperty(LOGBACK_CONFIG_PROPERTY, LOGGING_CONFIG);
    }
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Harness()).setExecutionExceptionHandler((e, command, parsed) -> {
      command.getErr().println("harness " + command.getCommandName() + " failed: " + e.getMessage());
      if (!(e instanceof java.io.IOException)) {
        e.printStackTrace(command.getErr());
      }
      return ERROR;
    });
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: run, report, compare, chaos, baseline, floor (or help).");
  }
}
