package dev.scheduler.harness.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the directory of an installed PostgreSQL's initdb, pg_ctl and postgres. */
final class PostgresBinaries {
  private static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "postgres");

  private PostgresBinaries() {}

  /** pg_config first (it names the server the machine was set up for), then Debian's layout, then PATH. */
  static Optional<Path> findBinDir() {
    List<Path> candidates = new ArrayList<>();
    OsCommands.output(List.of("pg_config", "--bindir")).map(Path::of).ifPresent(candidates::add);
    candidates.addAll(debianBinDirs(Path.of("/usr/lib/postgresql")));
    candidates.addAll(pathDirsWithInitdb());
    return candidates.stream().filter(PostgresBinaries::hasAllBinaries).findFirst();
  }

  static boolean hasAllBinaries(Path dir) {
    return REQUIRED.stream().allMatch(name -> Files.isExecutable(dir.resolve(name)));
  }

  /** /usr/lib/postgresql/{version}/bin, highest version first ("9.6" sorts below "15"). */
  static List<Path> debianBinDirs(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(dir -> dir.getFileName().toString().matches("\\d+(\\.\\d+)*"))
          .sorted(Comparator.comparing(PostgresBinaries::versionOf, PostgresBinaries::compareVersions)
              .reversed())
          .map(dir -> dir.resolve("bin"))
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int[] versionOf(Path dir) {
    return Stream.of(dir.getFileName().toString().split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  private static int compareVersions(int[] a, int[] b) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int cmp = Integer.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }

  /** An initdb on PATH is often a symlink (/usr/local/bin here); its real directory has the rest. */
  private static List<Path> pathDirsWithInitdb() {
    String path = System.getenv().getOrDefault("PATH", "");
    List<Path> dirs = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path initdb = Path.of(entry, "initdb");
      if (Files.isExecutable(initdb)) {
        try {
          dirs.add(initdb.toRealPath().getParent());
        } catch (IOException e) {
          dirs.add(initdb.getParent());
        }
      }
    }
    return dirs;
  }
}
