package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.SchemaVersion;
import org.regionalexchange.schemas.Violation;

/**
 * The region's schema version rules as this node applies them (schemas/README.md, "Versions and a region on mixed
 * releases"): how a received message's version is read, which version a message is labelled with, and whether each
 * recipient will accept a document before it is sent.
 *
 * <ul>
 *   <li>A version this node knows is validated exactly. A newer REVISION or ADDITION of a MODEL it knows is read
 *       as the newest version it knows of that MODEL, ignoring members that version does not declare (tolerant
 *       reading); the stored bytes keep them. Any other MODEL is refused as UNSUPPORTED_VERSION.</li>
 *   <li>A message is labelled with the lowest version of the current MODEL its document is valid against, so a
 *       document that uses nothing new stays exactly readable by members on older releases.</li>
 *   <li>A recipient is checked the way it will read the document, from the versions it declared (in the
 *       {@code supports} of its receipts); one that has declared nothing is taken to accept the versions up to
 *       {@code node.schemas.members-assumed} ({@link #FIRST_RELEASE} by default) and to read tolerantly.</li>
 * </ul>
 */
public final class VersionRules {

    /** The first receipt version that can carry {@code supports} and the reason UNSUPPORTED_VERSION. */
    public static final String DECLARING_RECEIPT = "1-1-0";

    /** What a member that has declared nothing yet is taken to accept: the region's first release. */
    public static final String FIRST_RELEASE = "1-0-0";

    private final SchemaCatalog catalog;
    private final Function<String, Optional<Map<String, List<String>>>> declarations;
    private final SchemaVersion assumed;

    /**
     * @param declarations what a member declared, kind id to versions, or empty when it has declared nothing
     * @param assumed what a member that has declared nothing is taken to accept: every version of that MODEL up
     *     to this one ({@link #FIRST_RELEASE} unless the whole region is known to run a later release)
     */
    public VersionRules(SchemaCatalog catalog, Function<String, Optional<Map<String, List<String>>>> declarations,
            String assumed) {
        this.catalog = catalog;
        this.declarations = declarations;
        this.assumed = SchemaVersion.parse(assumed);
    }

    /** Rules for a node that knows nothing of other members' declarations (the offline commands). */
    public static VersionRules undeclared(SchemaCatalog catalog) {
        return new VersionRules(catalog, member -> Optional.empty(), FIRST_RELEASE);
    }

    /**
     * How a document labelled with a version is read.
     *
     * @param readAs the known version it is validated against, or null when its MODEL is not accepted
     * @param tolerant members readAs does not declare are ignored, because the label is newer than readAs
     */
    public record Reading(String label, String readAs, boolean tolerant) {

        public boolean supported() {
            return readAs != null;
        }
    }

    public Reading reading(MessageKind kind, String label) {
        if (catalog.knows(kind, label)) {
            return new Reading(label, label, false);
        }
        String newest = newestOfModel(catalog.versions(kind), label);
        if (newest == null || SchemaVersion.parse(newest).compareTo(SchemaVersion.parse(label)) > 0) {
            // An unknown older version of a known MODEL is as foreign as another MODEL: every version of an
            // accepted MODEL is kept, so it was never published.
            return new Reading(label, null, false);
        }
        return new Reading(label, newest, true);
    }

    /** The violations of a supported reading; see {@link #reading}. */
    public List<Violation> validate(MessageKind kind, Reading reading, JsonNode document) {
        if (!reading.supported()) {
            throw new IllegalArgumentException(kind.id() + " " + reading.label() + " is not read by this node");
        }
        return reading.tolerant() ? catalog.validateTolerant(kind, reading.readAs(), document)
                : catalog.validateDocument(kind, reading.readAs(), document);
    }

    /** What a refused version is told: the versions of the kind this node accepts. */
    public String unsupported(MessageKind kind, String label) {
        return kind.id() + " " + label + " is of a MODEL this node does not accept: it accepts " + kind.id() + " "
                + String.join(", ", catalog.versions(kind));
    }

    /**
     * The label of a valid document: the lowest version of the current MODEL it is valid against.
     */
    public String label(MessageKind kind, JsonNode document) {
        return catalog.lowestValid(kind, document).orElse(catalog.currentVersion(kind));
    }

    /**
     * What each recipient would refuse in a document labelled {@code label}, with pointers into the submission
     * ({@code /document/...}, or {@code /recipients/<i>} when the recipient does not accept the MODEL at all).
     *
     * @param asGiven the recipients as the submission named them, to point at; REGIONAL stands for its members
     */
    public List<Violation> unreadable(MessageKind kind, String label, JsonNode document, List<String> recipients,
            List<String> asGiven) {
        List<Violation> problems = new ArrayList<>();
        for (String recipient : recipients) {
            List<String> accepts = accepts(recipient, kind);
            if (accepts.contains(label)) {
                continue;
            }
            String readAs = newestOfModel(accepts, label);
            int index = Math.max(0, asGiven.indexOf(recipient));
            if (readAs == null) {
                problems.add(new Violation("/recipients/" + index, recipient + " accepts " + kind.id() + " "
                        + String.join(", ", accepts) + " only, and this document is " + label
                        + ": it cannot be sent to " + recipient + " until it accepts that MODEL"));
            } else if (catalog.knows(kind, readAs)
                    && SchemaVersion.parse(readAs).compareTo(SchemaVersion.parse(label)) < 0) {
                catalog.validateTolerant(kind, readAs, document).forEach(v -> problems.add(new Violation(
                        "/document" + v.pointer(), recipient + " reads " + kind.id() + " as " + readAs + " ("
                        + declaredOrAssumed(recipient) + "): " + v.message() + "; leave this out, or send it once "
                        + recipient + " accepts " + label)));
            }
        }
        return problems;
    }

    /** The versions of a kind a member accepts, as it declared them or as assumed until it does. */
    public List<String> accepts(String member, MessageKind kind) {
        return declarations.apply(member).map(declared -> declared.get(kind.id()))
                .filter(versions -> !versions.isEmpty()).orElseGet(() -> assumed(kind));
    }

    private List<String> assumed(MessageKind kind) {
        List<String> known = catalog.versions(kind).stream().filter(v -> {
            SchemaVersion version = SchemaVersion.parse(v);
            return version.sameModel(assumed) && version.compareTo(assumed) <= 0;
        }).toList();
        return known.isEmpty() ? List.of(assumed.toString()) : known;
    }

    /** Whether a member will read a receipt that says UNSUPPORTED_VERSION or carries {@code supports}. */
    public boolean readsDeclaringReceipts(String member) {
        return catalog.knows(MessageKind.RECEIPT, DECLARING_RECEIPT)
                && accepts(member, MessageKind.RECEIPT).stream().anyMatch(v -> SchemaVersion.parse(v)
                        .compareTo(SchemaVersion.parse(DECLARING_RECEIPT)) >= 0);
    }

    /** Whether this node's receipts can carry {@code supports}. */
    public boolean declaresInReceipts() {
        return catalog.knows(MessageKind.RECEIPT, DECLARING_RECEIPT);
    }

    private String declaredOrAssumed(String member) {
        return declarations.apply(member).isPresent() ? "the newest it declared"
                : "it has declared nothing yet, so it is taken to accept up to " + assumed;
    }

    private static String newestOfModel(List<String> versions, String label) {
        SchemaVersion wanted = SchemaVersion.parse(label);
        return versions.stream().map(SchemaVersion::parse).filter(wanted::sameModel).max(SchemaVersion::compareTo)
                .map(SchemaVersion::toString).orElse(null);
    }
}
