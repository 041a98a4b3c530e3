package org.regionalexchange.node.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The chain head kept in a file outside the database, so that a log cut at its tail, or a database rolled back to an
 * older backup, no longer contains the anchored entry and {@link AuditLog#verify(Optional)} can say so. The file is
 * replaced atomically and synced, so a crash leaves either the old anchor or the new one, never half of one.
 */
public final class AuditAnchor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");

    private final Path file;

    public AuditAnchor(Path file) {
        this.file = file;
    }

    /**
     * The last entry of the chain at the time of anchoring.
     *
     * @param recordedAt when the entry was recorded, as stored in the log; null for a hub checkpoint passed on
     *     without its time
     */
    public record Head(long seq, String entryHash, Instant recordedAt) {}

    public Path file() {
        return file;
    }

    /** The anchored head, or empty when nothing was anchored yet. */
    public Optional<Head> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable("cannot be read (" + e + ")", e);
        }
        try {
            return Optional.of(parse(JSON.readTree(bytes)));
        } catch (IOException | RuntimeException e) {
            throw unreadable("is not an anchor (" + e.getMessage() + ")", e);
        }
    }

    /** Replaces the file with this head; returns once the new file and its name are on disk. */
    public void write(Head head) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = JSON.createObjectNode().put("seq", head.seq()).put("entryHash", head.entryHash())
                .put("recordedAt", head.recordedAt().toString()).toString().getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new AuditAnchorException("cannot write the audit anchor " + file + ": " + e
                    + " (check that the folder exists, is writable and the disk is not full)", e);
        }
    }

    /** Without this the rename may still be only in memory when the machine loses power. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) refuse to open a directory; the rename is then as durable as they make it.
        }
    }

    private static Head parse(JsonNode json) {
        JsonNode seq = json.path("seq");
        if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 1) {
            throw new IllegalArgumentException("seq must be a positive whole number");
        }
        return head(seq.asLong(), json.path("entryHash").asText(""), json.path("recordedAt").asText(""));
    }

    /**
     * A head given as text, e.g. the hub's checkpoint passed on in a query.
     *
     * @param recordedAt an ISO-8601 instant, or null when only seq and hash are known
     * @throws IllegalArgumentException naming the field that is not what a head holds
     */
    public static Head head(String seq, String entryHash, String recordedAt) {
        long number;
        try {
            number = Long.parseLong(seq == null ? "" : seq.strip());
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw new IllegalArgumentException("seq must be a positive whole number, not '" + seq + "'");
        }
        return head(number, entryHash == null ? "" : entryHash, recordedAt);
    }

    private static Head head(long seq, String hash, String recordedAt) {
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("entryHash must be 64 lower-case hex digits");
        }
        try {
            return new Head(seq, hash, recordedAt == null ? null : Instant.parse(recordedAt));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("recordedAt must be an ISO-8601 instant", e);
        }
    }

    private AuditAnchorException unreadable(String problem, Exception cause) {
        return new AuditAnchorException("the audit anchor " + file + " " + problem + ": compare it with the anchor"
                + " held by the hub, restore it from a backup, or move it aside to verify the chain without it",
                cause);
    }
}
