package org.regionalexchange.node.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.logging.MessageLog;

/**
 * The node's logback.xml in each format NODE_LOG_FORMAT selects: today's plain lines with a {@code [messageId]} for
 * a line about a message, or one JSON object per line with the messageId in its MDC; the engines' INFO kept out.
 */
class LogFormatTest {

    @Test
    void plainLinesKeepTheFormatAndShowTheMessageIdOfALineAboutAMessage() {
        List<String> lines = log(LogFormat.PLAIN, context -> {
            context.getLogger("org.regionalexchange.node.inbox.Rejections").info("node started");
            try (MessageLog.Scope scope = MessageLog.about("8f1e-msg")) {
                context.getLogger("org.regionalexchange.node.inbox.Rejections").warn("rejected message 8f1e-msg");
            }
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} \\[main\\] INFO"
                + " Rejections - node started");
        assertThat(lines.get(1)).endsWith("] WARN Rejections [8f1e-msg] - rejected message 8f1e-msg");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheMessageIdInItsMdc() throws Exception {
        List<String> lines = log(LogFormat.JSON, context -> {
            try (MessageLog.Scope scope = MessageLog.about("8f1e-msg")) {
                context.getLogger("org.regionalexchange.node.outbox.LinkLog").warn("link to {} is failing", "KG",
                        new IllegalStateException("not shown as a stack trace in plain text"));
            }
            context.getLogger("org.regionalexchange.node.app.wiring.NodeRuntime").info("node KZ started");
        });

        assertThat(lines).hasSize(2);
        JsonNode failing = new ObjectMapper().readTree(lines.get(0));
        assertThat(failing.path("level").asText()).isEqualTo("WARN");
        assertThat(failing.path("loggerName").asText()).isEqualTo("org.regionalexchange.node.outbox.LinkLog");
        assertThat(failing.path("formattedMessage").asText()).isEqualTo("link to KG is failing");
        assertThat(failing.path("mdc").path(MessageLog.KEY).asText()).isEqualTo("8f1e-msg");
        assertThat(failing.path("timestamp").asLong()).isPositive();
        assertThat(failing.has("throwable")).isTrue();
        JsonNode started = new ObjectMapper().readTree(lines.get(1));
        assertThat(started.path("mdc").has(MessageLog.KEY)).isFalse();
    }

    @Test
    void theEnginesInfoStaysOutOfEitherFormat() {
        for (LogFormat format : LogFormat.values()) {
            List<String> lines = log(format, context -> {
                context.getLogger("org.apache.activemq.artemis.core.server").info("AMQ221001: started");
                context.getLogger("org.apache.camel.impl.engine").info("Routes startup");
                context.getLogger("org.flywaydb.core").info("Migrating");
                context.getLogger("org.apache.activemq.artemis.core.server").warn("AMQ222000: a warning");
            });

            assertThat(lines).as(format.id()).hasSize(1).allMatch(line -> line.contains("AMQ222000"));
        }
    }

    @Test
    void artemisLinesForEachFailedPeerConnectionAreLeftOutOthersPass() {
        List<String> lines = log(LogFormat.PLAIN, context -> {
            context.getLogger("org.apache.activemq.artemis.core.client").error("AMQ214016: Failed to create netty"
                    + " connection", new java.nio.channels.ClosedChannelException());
            context.getLogger("org.apache.activemq.artemis.core.server").warn("AMQ222061: Client connection failed,"
                    + " clearing up resources for session {}", "c97b66f7");
            context.getLogger("org.apache.activemq.artemis.core.server").warn("AMQ222010: Critical IO Error");
        });

        assertThat(lines).hasSize(1).allMatch(line -> line.endsWith("WARN server - AMQ222010: Critical IO Error"));
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheVariableAndTheFormatsThereAre() {
        assertThat(LogFormat.of(name -> null)).isEqualTo(LogFormat.PLAIN);
        assertThat(LogFormat.of(Map.of(LogFormat.ENV, "json")::get)).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> LogFormat.of(Map.of(LogFormat.ENV, "JSON ")::get))
                .isInstanceOf(SettingsException.class)
                .hasMessage("NODE_LOG_FORMAT: 'JSON ' is not a log format (set it to plain or json, in lower case,"
                        + " or unset it for plain)");
    }

    /** What logback.xml writes on standard error with this format, line by line. */
    private static List<String> log(LogFormat format, Consumer<LoggerContext> body) {
        LoggerContext context = new LoggerContext();
        // The MDC the node's code writes to (slf4j's), which the new context's lines then carry.
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.putProperty(LogFormat.ENV, format.id());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            body.accept(context);
        } catch (ch.qos.logback.core.joran.spi.JoranException e) {
            throw new IllegalStateException("logback.xml does not load: " + e.getMessage(), e);
        } finally {
            context.stop();
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
