package org.regionalexchange.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import org.regionalexchange.node.envelope.JsonLimits;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.trust.RegionalTrust;

/**
 * JSON that two parsers could read apart is refused as MALFORMED, in the clear header as in the signed content,
 * and the detail says what and where; so is signed content over the receiver's limits.
 */
@ExtendWith(RegionalPkiExtension.class)
class StrictContentTest {

    final RegionalPki pki;
    final SealedFixture fixture;

    StrictContentTest(RegionalPki pki) {
        this.pki = pki;
        this.fixture = new SealedFixture(pki, Clock.systemUTC());
    }

    @Test
    void duplicateKeyInTheClearHeaderIsMalformed() {
        ObjectNode header = header();
        String wire = new String(seal(header, RawSealer.content(header, SealedFixture.document())),
                StandardCharsets.UTF_8);
        // A last-wins reader routes by AMBER, as signed; another reader sees RED.
        String doubled = wire.replace("\"header\":{", "\"header\":{\"handling\":\"RED\",");
        assertMalformed(doubled.getBytes(StandardCharsets.UTF_8), fixture.opener("KG"),
                "MALFORMED: the envelope: duplicate key \"handling\" at /header");
    }

    @Test
    void duplicateKeyInTheSignedHeaderIsMalformed() {
        ObjectNode header = header();
        String content = RawSealer.content(header, SealedFixture.document())
                .replace("\"handling\":\"AMBER\"", "\"handling\":\"RED\",\"handling\":\"AMBER\"");
        assertMalformed(seal(header, content), fixture.opener("KG"),
                "MALFORMED: the signed content: duplicate key \"handling\" at /header");
    }

    @Test
    void duplicateKeyInTheSignedDocumentIsMalformed() {
        ObjectNode header = header();
        String content = RawSealer.content(header, SealedFixture.document())
                .replace("\"value\":3.332", "\"value\":3.332,\"value\":3332");
        assertMalformed(seal(header, content), fixture.opener("KG"),
                "MALFORMED: the signed content: duplicate key \"value\" at /document/items/0/quantity");
    }

    @Test
    void signedContentOverTheReceiversLimitsIsMalformedAndNamesTheLimit() {
        ObjectNode header = header();
        ObjectNode document = (ObjectNode) SealedFixture.document();
        document.putArray("aliases").add("a").add("b").add("c");
        MessageOpener strictKyrgyzstan = new MessageOpener(fixture.keyring("KG"),
                RegionalTrust.fromFiles(pki.caCertificatePem(), pki.crlPem()), Clock.systemUTC(),
                new StrictJson(new JsonLimits(1_048_576, 32, 1_000, 12)));
        byte[] wire = seal(header, RawSealer.content(header, document));
        assertThatThrownBy(() -> strictKyrgyzstan.open(wire)).isInstanceOfSatisfying(RejectedMessageException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED);
                    assertThat(e.getMessage()).isEqualTo(
                            "MALFORMED: the signed content: string longer than 1000 characters at /document/remarks");
                });
    }

    @Test
    void wellFormedRawContentStillOpens() {
        ObjectNode header = header();
        JsonNode document = SealedFixture.document();
        assertThat(fixture.opener("KG").open(seal(header, RawSealer.content(header, document))).document())
                .isEqualTo(document);
    }

    private ObjectNode header() {
        return SealedFixture.header("KZ", List.of("KG"), null);
    }

    private byte[] seal(ObjectNode header, String content) {
        return RawSealer.seal(fixture.sealer("KZ"), header, content, fixture.encryptionCertificates(List.of("KG")));
    }

    private static void assertMalformed(byte[] wire, MessageOpener opener, String message) {
        assertThatThrownBy(() -> opener.open(wire)).isInstanceOfSatisfying(RejectedMessageException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
