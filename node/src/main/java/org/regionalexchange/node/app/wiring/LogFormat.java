package org.regionalexchange.node.app.wiring;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How the node writes its log lines on standard error, chosen by the environment variable {@value #ENV}:
 * {@code plain} (the default, one readable line each) or {@code json} (one JSON object per line, for a log
 * collector). logback.xml picks its appender by the value itself; this check runs first, because an unknown
 * value would leave logback with no appender and the node silent.
 */
public enum LogFormat {
    PLAIN,
    JSON;

    static final String ENV = "NODE_LOG_FORMAT";

    /** The format the process was started with: the system property of that name, else the environment. */
    public static LogFormat ofProcess() {
        return of(name -> System.getProperty(name, System.getenv(name)));
    }

    /**
     * @param lookup the value of a variable, or null when it is not set
     * @throws SettingsException naming the value and the ones there are
     */
    static LogFormat of(UnaryOperator<String> lookup) {
        String value = lookup.apply(ENV);
        if (value == null) {
            return PLAIN;
        }
        for (LogFormat format : values()) {
            if (format.id().equals(value)) {
                return format;
            }
        }
        throw new SettingsException(ENV, "'" + value + "' is not a log format", "set it to plain or json, in lower"
                + " case, or unset it for plain");
    }

    /** The value that selects it, which is also the name of its appender in logback.xml. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
