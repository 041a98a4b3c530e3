package org.regionalexchange.node.app.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.app.wiring.SettingsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs one node until the process is stopped (Ctrl-C or SIGTERM stops it cleanly). */
@Command(name = "run", description = "Run a node with the settings in an application.properties file.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
        NodeSettings settings = config.settings();
        NodeRuntime runtime = NodeRuntime.start(settings, Clock.systemUTC(),
                SettingsReader.camelProperties(config.file()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "node-stop"));
        stopped.await();
        return 0;
    }
}
