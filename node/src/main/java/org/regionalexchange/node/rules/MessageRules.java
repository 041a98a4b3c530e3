package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.MessageKind;

/**
 * The rules a message keeps beyond its schema, for a message received (inbox, offline {@code open}) and for one
 * about to be sent (REST, local systems, offline {@code seal}). Run after the header and document validate against
 * their schemas. Without a {@link KnownMessages} look-up (offline) every rule but the store look-up of references
 * runs, and {@link #checksReferences()} says so.
 */
public final class MessageRules {

    public static final Duration DEFAULT_CLOCK_TOLERANCE = Duration.ofMinutes(5);
    private static final String REGIONAL = "REGIONAL";

    private final String self;
    private final java.util.function.Supplier<? extends Collection<String>> region;
    private final Clock clock;
    private final Duration tolerance;
    private final KnownMessages known;

    /**
     * @param region the members the group REGIONAL stands for
     * @param tolerance how far a sender's clock may run ahead of this node's
     * @param known what this node received or sent; null when there is no store (offline)
     */
    public MessageRules(String self, Collection<String> region, Clock clock, Duration tolerance,
            KnownMessages known) {
        this(self, fixed(region), clock, tolerance, known);
    }

    /** @param region the members REGIONAL stands for as of now: the member directory in force changes them */
    public MessageRules(String self, java.util.function.Supplier<? extends Collection<String>> region, Clock clock,
            Duration tolerance, KnownMessages known) {
        this.self = self;
        this.region = region;
        this.clock = clock;
        this.tolerance = tolerance;
        this.known = known;
    }

    private static java.util.function.Supplier<List<String>> fixed(Collection<String> region) {
        List<String> members = List.copyOf(region);
        return () -> members;
    }

    /** Whether references are looked up in a store; offline they are not. */
    public boolean checksReferences() {
        return known != null;
    }

    /** A verified message: it must address this node, be signed no later than now plus the tolerance, and more. */
    public RuleReport received(JsonNode header, JsonNode document, Instant signingTime) {
        String sender = header.path("sender").asText();
        List<RuleViolation> found = new ArrayList<>();
        if (!addressed(header)) {
            found.add(RuleViolation.of(RejectReason.NOT_ADDRESSED, "/header/recipients", "does not list " + self
                    + (region.get().contains(self) ? " or REGIONAL" : "") + ": this node was not addressed by " + sender));
        }
        Instant latest = clock.instant().plus(tolerance);
        if (signingTime.isAfter(latest)) {
            found.add(RuleViolation.of(RejectReason.SIGNED_IN_FUTURE, "", "signed at " + signingTime
                    + ", later than now (" + clock.instant() + ") plus the clock tolerance of " + tolerance));
        }
        found.addAll(content(header, document, sender, false));
        return new RuleReport(found);
    }

    /** This node's own message before it is sealed: also, it must not have expired already. */
    public RuleReport submitted(JsonNode header, JsonNode document) {
        List<RuleViolation> found = new ArrayList<>(content(header, document, self, true));
        Instant expiresAt = instant(header.path("expiresAt").asText());
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            // Said instead of "not after createdAt": that createdAt is now is this node's doing, not the submitter's.
            found.removeIf(v -> v.pointer().equals("/header/expiresAt"));
            found.add(RuleViolation.of(RejectReason.IMPLAUSIBLE, "/header/expiresAt", header.get("expiresAt").asText()
                    + " is not in the future: the message would expire before it is sent"));
        }
        return new RuleReport(found);
    }

    private static Instant instant(String text) {
        try {
            return text.isEmpty() ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private List<RuleViolation> content(JsonNode header, JsonNode document, String sender, boolean submission) {
        MessageKind kind;
        try {
            kind = MessageKind.fromId(header.path("kind").asText());
        } catch (IllegalArgumentException e) {
            return List.of(RuleViolation.of(RejectReason.SCHEMA_INVALID, "/header/kind", e.getMessage()));
        }
        List<RuleViolation> found = new ArrayList<>(HandlingRules.check(header));
        found.addAll(SenderRules.check(kind, sender, document));
        found.addAll(new DatePlausibility(clock.instant(), tolerance).check(kind, header, document));
        found.addAll(new AmountPlausibility().check(kind, document));
        found.addAll(new ReferenceRules(known, submission).check(sender, header, document));
        return found;
    }

    private boolean addressed(JsonNode header) {
        String sender = header.path("sender").asText();
        for (JsonNode recipient : header.path("recipients")) {
            String id = recipient.asText();
            if (id.equals(self) || id.equals(REGIONAL) && region.get().contains(self) && !self.equals(sender)) {
                return true;
            }
        }
        return false;
    }
}
