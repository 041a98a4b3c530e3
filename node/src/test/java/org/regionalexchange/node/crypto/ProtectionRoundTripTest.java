package org.regionalexchange.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import org.regionalexchange.node.envelope.EnvelopeCodec;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;

@ExtendWith(RegionalPkiExtension.class)
class ProtectionRoundTripTest {

    static final List<String> OTHERS = List.of("CARICC", "KG", "TJ", "TM", "UZ", "KZ");

    @ParameterizedTest(name = "{0} recipient(s)")
    @ValueSource(ints = {1, 3, 6})
    void everyRecipientAndTheSenderOpenTheSameSignedMessage(int count, RegionalPki pki) {
        SealedFixture fixture = new SealedFixture(pki, Clock.systemUTC());
        List<String> recipients = OTHERS.subList(0, count).stream().filter(id -> !id.equals("KZ")).toList();
        ObjectNode header = SealedFixture.header("KZ", recipients.isEmpty() ? List.of("REGIONAL") : recipients, null);
        JsonNode document = SealedFixture.document();

        byte[] wire = fixture.sealer("KZ").seal(header, document, fixture.encryptionCertificates(recipients));

        for (String reader : concat(recipients, "KZ")) {
            OpenedMessage opened = fixture.opener(reader).open(wire);
            assertThat(opened.header()).isEqualTo(header);
            assertThat(opened.document()).isEqualTo(document);
            assertThat(opened.signerNodeId()).isEqualTo("KZ");
        }
        assertThat(EnvelopeCodec.read(wire).header()).isEqualTo(header);
    }

    @ParameterizedTest(name = "relay {0}")
    @ValueSource(strings = {"TM", "UZ"})
    void aNodeThatIsNotARecipientCanRouteButNotRead(String relay, RegionalPki pki) {
        SealedFixture fixture = new SealedFixture(pki, Clock.systemUTC());
        byte[] wire = fixture.sealer("KZ").seal(SealedFixture.header("KZ", List.of("KG"), null),
                SealedFixture.document(), fixture.encryptionCertificates(List.of("KG")));

        assertThat(EnvelopeCodec.read(wire).header().path("recipients").get(0).asText()).isEqualTo("KG");
        assertThatThrownBy(() -> fixture.opener(relay).open(wire))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NOT_A_RECIPIENT));
    }

    private static List<String> concat(List<String> list, String extra) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra)).toList();
    }
}
