package org.regionalexchange.schemas;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SchemaVer version, MODEL-REVISION-ADDITION as in {@code 1-1-0}. An ADDITION keeps every earlier document of its
 * MODEL valid, a REVISION may refuse some, a new MODEL is a new contract; so versions order by model, then revision,
 * then addition, and a reader of one MODEL can read any version of it tolerantly.
 */
public record SchemaVersion(int model, int revision, int addition) implements Comparable<SchemaVersion> {

    /** The header's schemaVersion pattern: no leading zero in MODEL, MODEL at least 1. */
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,8})-([0-9]{1,9})-([0-9]{1,9})");

    public SchemaVersion {
        if (model < 1 || revision < 0 || addition < 0) {
            throw new IllegalArgumentException("a schema version has MODEL >= 1 and REVISION, ADDITION >= 0, not "
                    + model + "-" + revision + "-" + addition);
        }
    }

    /** @throws IllegalArgumentException naming the expected form when the text is not MODEL-REVISION-ADDITION */
    public static SchemaVersion parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("schema version '" + text
                    + "' is not of the form MODEL-REVISION-ADDITION, e.g. 1-1-0");
        }
        return new SchemaVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    public boolean sameModel(SchemaVersion other) {
        return model == other.model;
    }

    @Override
    public int compareTo(SchemaVersion other) {
        int byModel = Integer.compare(model, other.model);
        if (byModel != 0) {
            return byModel;
        }
        int byRevision = Integer.compare(revision, other.revision);
        return byRevision != 0 ? byRevision : Integer.compare(addition, other.addition);
    }

    @Override
    public String toString() {
        return model + "-" + revision + "-" + addition;
    }
}
