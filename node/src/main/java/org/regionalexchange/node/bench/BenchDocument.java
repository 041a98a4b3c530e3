package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The seizure notice every phase moves: the schemas' KG alpha-PVP example (it travels in the node jar with the
 * schemas), its modus operandi text lengthened until the compact document is {@link #BYTES} bytes, so each phase
 * moves the same 2 KB a real notice with a few paragraphs of detail would be.
 */
final class BenchDocument {

    static final int BYTES = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "/regional-exchange/examples/valid/seizure-notice/kg-alpha-pvp-bishkek.json";

    private BenchDocument() {}

    /** A fresh copy, free to change (e.g. its seizureRef). */
    static ObjectNode seizureNotice() {
        ObjectNode document = example();
        ObjectNode text = (ObjectNode) document.path("modusOperandi").path("text");
        String sentence = text.path("en").asText("Parcels collected through a courier network.") + " ";
        StringBuilder en = new StringBuilder(text.path("en").asText(""));
        while (size(document) < BYTES) {
            en.append(' ').append(sentence, 0, Math.min(sentence.length(), BYTES - size(document)));
            text.put("en", en.toString().strip());
        }
        return document;
    }

    static int size(ObjectNode document) {
        return document.toString().getBytes(StandardCharsets.UTF_8).length;
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
