package io.canvass.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The test tools that come from npm (axe-core, Spectral), installed from {@code src/test/browser}'s
 * lockfile: {@code .ci/run} runs {@code npm ci} there, and a test that finds them missing runs it once
 * itself when npm is on the path.
 */
public final class NpmTools {

    public static final Path PACKAGE = Path.of("src", "test", "browser");
    public static final Path MODULES = PACKAGE.resolve("node_modules");

    private NpmTools() {
    }

    /** {@code path} under node_modules, after an {@code npm ci} when it is not there yet (it may still be missing). */
    public static synchronized Path installed(String path) {
        Path file = MODULES.resolve(path);
        if (!Files.exists(file)) {
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefix", PACKAGE.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!npm.waitFor(300, TimeUnit.SECONDS)) {
                    npm.destroyForcibly();
                }
            } catch (IOException noNpm) {
                // The caller's assumption reports the missing file.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return file;
    }

    /** Whether {@code command} runs here (node, npm). */
    public static boolean onPath(String command) {
        try {
            Process probe = new ProcessBuilder(command, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException notThere) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
