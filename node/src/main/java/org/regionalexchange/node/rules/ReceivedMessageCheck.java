package org.regionalexchange.node.rules;

import java.util.ArrayList;
import java.util.List;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.Violation;

/**
 * Everything a verified message is checked for after opening, in order: its kind, the header's schema, the
 * document's schema at the version the header names (read as {@link VersionRules} say), then the
 * {@link MessageRules}. The inbox and offline {@code open} both use it, so they refuse the same
 * messages for the same reasons.
 */
public final class ReceivedMessageCheck {

    private final SchemaCatalog catalog;
    private final VersionRules versions;
    private final MessageRules rules;

    public ReceivedMessageCheck(SchemaCatalog catalog, MessageRules rules) {
        this.catalog = catalog;
        this.versions = VersionRules.undeclared(catalog);
        this.rules = rules;
    }

    /**
     * @return UNSUPPORTED_VERSION when the document's MODEL is not accepted, SCHEMA_INVALID violations when the
     *     schemas are not kept, else what the rules find
     */
    public RuleReport check(OpenedMessage message) {
        MessageKind kind;
        try {
            kind = MessageKind.fromId(message.kind());
        } catch (IllegalArgumentException e) {
            return schemaInvalid(List.of(new Violation("/header/kind", e.getMessage())));
        }
        List<Violation> violations = new ArrayList<>();
        catalog.validateHeader(message.header()).forEach(v -> violations.add(prefixed("/header", v)));
        if (violations.isEmpty()) {
            String label = message.header().path("schemaVersion").asText();
            VersionRules.Reading reading = versions.reading(kind, label);
            if (!reading.supported()) {
                return new RuleReport(List.of(RuleViolation.of(RejectReason.UNSUPPORTED_VERSION,
                        "/header/schemaVersion", versions.unsupported(kind, label))));
            }
            versions.validate(kind, reading, message.document())
                    .forEach(v -> violations.add(prefixed("/document", v)));
        }
        if (!violations.isEmpty()) {
            return schemaInvalid(violations);
        }
        return rules.received(message.header(), message.document(), message.signingTime());
    }

    public boolean checksReferences() {
        return rules.checksReferences();
    }

    private static Violation prefixed(String prefix, Violation violation) {
        return new Violation(prefix + violation.pointer(), violation.message());
    }

    private static RuleReport schemaInvalid(List<Violation> violations) {
        return new RuleReport(violations.stream()
                .map(v -> new RuleViolation(RejectReason.SCHEMA_INVALID, v, false)).toList());
    }
}
