package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The seizure notice every phase moves: the schemas' KG alpha-PVP example (it travels in the node jar with the
 * schemas), grown to a given size the way a real notice grows. First the modus operandi's English text and the
 * remarks (up to the schema's 4,000 characters each), as a notice with a few paragraphs of detail; beyond that, more
 * seized items with a description of their packaging, as a consignment of many lots. The default is
 * {@link #BYTES} bytes of compact JSON.
 */
final class BenchDocument {

    static final int BYTES = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "/regional-exchange/examples/valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json";
    /** The schema's maxLength of one language's free text. */
    private static final int TEXT_CHARACTERS = 4000;
    /** A packaging description's length, long enough that a 64 KB notice stays within the schema's 100 items. */
    private static final int PACKAGING_CHARACTERS = 600;
    private static final int MAX_ITEMS = 100;
    private static final String PACKAGING = "Vacuum-sealed bag inside a tin of instant coffee, the lid glued shut. ";

    private BenchDocument() {}

    /** A fresh copy of the {@link #BYTES}-byte notice, free to change (e.g. its seizureRef). */
    static ObjectNode seizureNotice() {
        return seizureNotice(BYTES);
    }

    /**
     * A fresh copy of at least {@code bytes} bytes (at most one seized item more: a few hundred bytes).
     *
     * @throws IllegalArgumentException when the schema's limits do not let a notice grow that large
     */
    static ObjectNode seizureNotice(int bytes) {
        ObjectNode document = example();
        ObjectNode modus = (ObjectNode) document.path("modusOperandi").path("text");
        String sentence = modus.path("en").asText("Parcels collected through a courier network.") + " ";
        grow(document, modus, "en", sentence, bytes, TEXT_CHARACTERS);
        ObjectNode remarks = document.putObject("remarks");
        remarks.put("en", "");
        grow(document, remarks, "en", sentence, bytes, TEXT_CHARACTERS);
        if (remarks.path("en").asText().isEmpty()) {
            document.remove("remarks");
        }
        ArrayNode items = (ArrayNode) document.path("items");
        ObjectNode lot = (ObjectNode) items.get(0).deepCopy();
        while (size(document) < bytes) {
            if (items.size() >= MAX_ITEMS) {
                throw new IllegalArgumentException("a seizure notice of " + bytes + " bytes does not fit the schema's "
                        + MAX_ITEMS + " items; the largest this benchmark makes is " + size(document) + " bytes");
            }
            ObjectNode item = lot.deepCopy();
            items.add(item);
            ObjectNode markings = item.putObject("markings");
            markings.put("packaging", PACKAGING.strip());
            grow(document, markings, "packaging", PACKAGING, bytes, PACKAGING_CHARACTERS);
        }
        return document;
    }

    static int size(ObjectNode document) {
        return document.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Appends ASCII filler to one text field until the document has the size, or the field its limit. */
    private static void grow(ObjectNode document, ObjectNode holder, String field, String filler, int bytes,
            int limit) {
        StringBuilder text = new StringBuilder(holder.path(field).asText(""));
        int missing = bytes - size(document);
        while (missing > 0 && text.length() < limit) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
                text.append(' ');
            } else {
                text.append(filler, 0, Math.min(filler.length(), Math.min(limit - text.length(), missing)));
            }
            holder.put(field, text.toString());
            missing = bytes - size(document);
        }
    }

    private static ObjectNode example() {
        try (InputStream in = BenchDocument.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the example seizure notice is missing from the classpath: " + EXAMPLE);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
