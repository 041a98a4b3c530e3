package org.regionalexchange.node.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.exchange.Documents;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.SchemaVersion;
import org.regionalexchange.schemas.Violation;

/** The version rules against the real schemas: reading, labelling and what each recipient would refuse. */
class VersionRulesTest {

    static final SchemaCatalog CATALOG = SchemaCatalog.load();
    static final SchemaCatalog PINNED = SchemaCatalog.load(SchemaVersion.parse("1-0-0"));
    static final MessageKind NOTICE = MessageKind.SEIZURE_NOTICE;

    /** KG declared only 1-0-0; CARICC declared 1-1-0; TJ has declared nothing. */
    final VersionRules rules = new VersionRules(CATALOG, member -> switch (member) {
        case "KG" -> Optional.of(Map.of("seizure-notice", List.of("1-0-0"), "receipt", List.of("1-0-0")));
        case "CARICC" -> Optional.of(Map.of("seizure-notice", List.of("1-0-0", "1-1-0"),
                "receipt", List.of("1-0-0", "1-1-0")));
        default -> Optional.empty();
    }, VersionRules.FIRST_RELEASE);

    @Test
    void aKnownVersionIsReadExactlyANewerOneOfTheModelTolerantlyAndAnotherModelNotAtAll() {
        VersionRules pinned = VersionRules.undeclared(PINNED);

        assertThat(pinned.reading(NOTICE, "1-0-0")).isEqualTo(new VersionRules.Reading("1-0-0", "1-0-0", false));
        assertThat(pinned.reading(NOTICE, "1-1-0")).isEqualTo(new VersionRules.Reading("1-1-0", "1-0-0", true));
        assertThat(pinned.reading(NOTICE, "1-7-3")).isEqualTo(new VersionRules.Reading("1-7-3", "1-0-0", true));
        assertThat(pinned.reading(NOTICE, "2-0-0").supported()).isFalse();
        assertThat(pinned.unsupported(NOTICE, "2-0-0")).isEqualTo(
                "seizure-notice 2-0-0 is of a MODEL this node does not accept: it accepts seizure-notice 1-0-0");
        assertThat(rules.reading(NOTICE, "1-1-0")).isEqualTo(new VersionRules.Reading("1-1-0", "1-1-0", false));
    }

    @Test
    void tolerantReadingIgnoresNewMembersButNotNewCodes() {
        VersionRules pinned = VersionRules.undeclared(PINNED);
        VersionRules.Reading tolerant = pinned.reading(NOTICE, "1-1-0");

        assertThat(pinned.validate(NOTICE, tolerant, plain().put("reportType", "single"))).isEmpty();
        ObjectNode micrograms = plain();
        ((ObjectNode) micrograms.get("items").get(0).get("quantity")).put("unit", "ug");
        assertThat(pinned.validate(NOTICE, tolerant, micrograms)).extracting(Violation::pointer)
                .contains("/items/0/quantity/unit");
    }

    @Test
    void aDocumentIsLabelledWithTheLowestVersionItIsValidAgainst() {
        assertThat(rules.label(NOTICE, plain())).isEqualTo("1-0-0");
        assertThat(rules.label(NOTICE, plain().put("reportType", "single"))).isEqualTo("1-1-0");
    }

    @Test
    void eachRecipientIsCheckedAsItWillReadTheDocument() {
        ObjectNode micrograms = plain();
        ((ObjectNode) micrograms.get("items").get(0).get("quantity")).put("unit", "ug");
        List<String> recipients = List.of("CARICC", "KG", "TJ");

        List<Violation> problems = rules.unreadable(NOTICE, "1-1-0", micrograms, recipients, List.of("REGIONAL"));

        assertThat(problems).extracting(Violation::pointer).containsOnly("/document/items/0/quantity/unit");
        assertThat(problems).extracting(Violation::message).anySatisfy(message -> assertThat(message)
                .startsWith("KG reads seizure-notice as 1-0-0 (the newest it declared)"))
                .anySatisfy(message -> assertThat(message).startsWith("TJ reads seizure-notice as 1-0-0 (it has"
                        + " declared nothing yet, so it is taken to accept up to 1-0-0)"))
                .noneSatisfy(message -> assertThat(message).startsWith("CARICC"));
        assertThat(rules.unreadable(NOTICE, "1-1-0", plain().put("reportType", "single"), recipients,
                recipients)).isEmpty();
        assertThat(rules.unreadable(NOTICE, "2-0-0", plain(), List.of("KG"), List.of("KZ", "KG")))
                .containsExactly(new Violation("/recipients/1", "KG accepts seizure-notice 1-0-0 only, and this"
                        + " document is 2-0-0: it cannot be sent to KG until it accepts that MODEL"));
    }

    @Test
    void aRegionKnownToRunTheNewReleaseNeedNotWaitForDeclarations() {
        VersionRules assumed = new VersionRules(CATALOG, member -> Optional.empty(), "1-1-0");
        ObjectNode micrograms = plain();
        ((ObjectNode) micrograms.get("items").get(0).get("quantity")).put("unit", "ug");

        assertThat(assumed.accepts("TJ", NOTICE)).containsExactly("1-0-0", "1-1-0");
        assertThat(assumed.unreadable(NOTICE, "1-1-0", micrograms, List.of("TJ"), List.of("TJ"))).isEmpty();
    }

    @Test
    void onlyAMemberThatReadsReceipts110IsToldUnsupportedVersion() {
        assertThat(rules.readsDeclaringReceipts("CARICC")).isTrue();
        assertThat(rules.readsDeclaringReceipts("KG")).isFalse();
        assertThat(rules.readsDeclaringReceipts("TJ")).isFalse();
        assertThat(rules.declaresInReceipts()).isTrue();
        assertThat(VersionRules.undeclared(PINNED).declaresInReceipts()).isFalse();
    }

    private static ObjectNode plain() {
        return Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json").deepCopy();
    }
}
