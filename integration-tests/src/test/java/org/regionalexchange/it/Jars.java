package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built executable jars as separate processes, the way an operator runs them. */
final class Jars {

    static final Path NODE = Path.of("..", "node", "target", "regional-exchange-node.jar");
    static final Path CERTS = Path.of("..", "certs", "target", "regional-exchange-certs.jar");

    /** The exit code and everything the process printed. */
    record Result(int exitCode, String output) {}

    private Jars() {}

    static Result run(Path jar, int timeoutSeconds, Path workDir, String... args) throws IOException,
            InterruptedException {
        assertThat(jar).as("built by the package phase of its module").isRegularFile();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "process-", ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
