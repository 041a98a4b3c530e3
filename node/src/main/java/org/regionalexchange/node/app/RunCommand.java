package org.regionalexchange.node.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one node until the process is stopped (Ctrl-C or SIGTERM stops it cleanly). */
@Command(name = "run", description = "Run a node with the settings in an application.properties file.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The node's application.properties.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        NodeSettings settings = SettingsReader.read(config);
        NodeRuntime runtime = NodeRuntime.start(settings, Clock.systemUTC(), SettingsReader.camelProperties(config));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "node-stop"));
        stopped.await();
        return 0;
    }
}
