package io.canvass.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL cluster, stopped and started the way an operator (or a failover) does,
 * with Debian's {@code pg_ctlcluster}. A stop is always followed by a start, also when a test fails.
 */
final class PostgresServer {

    private PostgresServer() {
    }

    static boolean controllable() {
        return cluster() != null && runs("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q");
    }

    /** A fast stop: open sessions are ended, as when the database host goes away. */
    static void stop() {
        if (!runs("pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", "stop", "-m", "fast")) {
            throw new IllegalStateException("could not stop PostgreSQL");
        }
    }

    static void start() throws InterruptedException {
        runs("pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", "start");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!runs("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not come back");
            }
            Thread.sleep(200);
        }
    }

    private static String cluster() {
        Path clusters = Path.of("/etc/postgresql");
        if (!Files.isDirectory(clusters)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(clusters)) {
            List<String> names = versions.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .sorted(Comparator.comparingInt(Integer::parseInt)).toList();
            return names.isEmpty() ? null : names.get(names.size() - 1);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
