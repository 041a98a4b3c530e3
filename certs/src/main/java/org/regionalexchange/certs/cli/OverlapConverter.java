package org.regionalexchange.certs.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads {@code sign --overlap}: an ISO-8601 duration, zero or positive, with a message that shows the operator the
 * form when it is anything else.
 */
final class OverlapConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration overlap;
        try {
            overlap = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 duration: use e.g. "
                    + "P7D (7 days), PT36H (36 hours), or PT0S to revoke the replaced certificates at once");
        }
        if (overlap.isNegative()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is negative: use e.g. P7D, or PT0S to "
                    + "revoke the replaced certificates at once");
        }
        return overlap;
    }
}
