package org.regionalexchange.node.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.envelope.JsonLimits;

class SettingsReaderTest {

    @TempDir
    Path pki;

    Properties properties = new Properties();

    @BeforeEach
    void validKazakhNode() throws IOException {
        Path kz = Files.createDirectories(pki.resolve("KZ"));
        for (Path file : new Path[] {kz.resolve("node.p12"), kz.resolve("tls.p12"), pki.resolve("truststore.p12"),
                pki.resolve("ca.crt.pem"), pki.resolve("crl.pem")}) {
            Files.writeString(file, "x");
        }
        Files.writeString(pki.resolve("keystore.pass"), "secret\n");
        properties.putAll(Map.of(
                "node.id", "KZ",
                "node.data-dir", pki.resolve("data").toString(),
                "node.broker.peer-port", "61617",
                "node.pki.dir", pki.toString(),
                "node.peers", "CARICC, KG",
                "node.peer.caricc.url", "tcp://127.0.0.1:61627",
                "node.peer.kg.url", "tcp://127.0.0.1:61637",
                "node.peer.kg.direct", "true"));
    }

    @Test
    void readsAValidNodeWithDefaultsFromThePkiFolder() {
        NodeSettings settings = read();

        assertThat(settings.nodeId()).isEqualTo("KZ");
        assertThat(settings.hub()).isEqualTo("CARICC");
        assertThat(settings.isHub()).isFalse();
        assertThat(settings.pki().keystore()).isEqualTo(pki.resolve("KZ/node.p12"));
        assertThat(settings.pki().password()).containsExactly("secret".toCharArray());
        assertThat(settings.peers()).containsOnlyKeys("CARICC", "KG");
        assertThat(settings.peer("KG").orElseThrow().port()).isEqualTo(61637);
        assertThat(settings.database().url()).startsWith("jdbc:h2:file:");
        assertThat(settings.region()).containsExactly("CARICC", "KZ", "KG", "TJ", "TM", "UZ");
    }

    @Test
    void theApiListensWithHttpsOnLoopbackApartFromTheBrokerByDefault() {
        properties.setProperty("node.broker.host", "0.0.0.0");
        NodeSettings.HttpSettings http = read().http();

        assertThat(http.host()).isEqualTo("127.0.0.1");
        assertThat(http.tls()).isTrue();
        assertThat(http.port()).isEqualTo(8080);
        assertThat(http.usersFile()).isEqualTo(pki.resolve("data").resolve("api-users"));
        assertThat(http.baseUrl()).isEqualTo("https://127.0.0.1:8080");
    }

    @Test
    void plainHttpIsRefusedBeyondLoopback() {
        properties.setProperty("node.http.tls", "false");
        assertThat(read().http().baseUrl()).isEqualTo("http://127.0.0.1:8080");
        properties.setProperty("node.http.host", "10.0.0.5");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.http.tls: is false while node.http.host is"
                + " 10.0.0.5").hasMessageContaining("passwords in clear");
        properties.setProperty("node.http.tls", "yes");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.http.tls: 'yes' is not true or false");
    }

    @Test
    void theDirectoryIsPublishedWeeklyAndTheCaFolderMustBeOne() throws Exception {
        NodeSettings.DirectorySettings defaults = read().directory();
        assertThat(defaults.lifetime()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(defaults.checkEvery()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(defaults.caDir()).isNull();
        assertThat(defaults.crlRefreshBefore()).isEqualTo(java.time.Duration.ofDays(2));

        properties.setProperty("node.directory.lifetime", "PT2M");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.directory.lifetime: PT2M is shorter than four"
                + " checks");
        properties.remove("node.directory.lifetime");
        properties.setProperty("node.directory.ca-dir", pki.toString());
        assertThatThrownBy(this::read).hasMessageStartingWith("node.directory.ca-dir: " + pki
                + " is not a regional CA's folder");
        java.nio.file.Files.createDirectories(pki.resolve("ca"));
        assertThat(read().directory().caDir()).isEqualTo(pki);
    }

    @Test
    void missingNodeIdNamesTheKeyAndTheFix() {
        properties.remove("node.id");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessage("node.id: is missing (set it to this node's id, e.g. node.id=KZ)");
    }

    @Test
    void rejectsLowerCaseNodeIdAndTheReservedGroupName() {
        properties.setProperty("node.id", "kz");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.id: 'kz' is not a node id");
        properties.setProperty("node.id", "REGIONAL");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.id: 'REGIONAL' is not a node id");
    }

    @Test
    void rejectsAPortOutOfRange() {
        properties.setProperty("node.broker.peer-port", "70000");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .extracting(e -> ((SettingsException) e).key()).isEqualTo("node.broker.peer-port");
    }

    @Test
    void peerWithoutUrlNamesThePeerKey() {
        properties.remove("node.peer.kg.url");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.peer.kg.url: is missing");
    }

    @Test
    void peerUrlMustBeTcpHostAndPort() {
        properties.setProperty("node.peer.kg.url", "http://kg.example");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.peer.kg.url: 'http://kg.example' is not a broker");
    }

    @Test
    void missingKeystoreFileTellsHowToMakeOne() throws IOException {
        Files.delete(pki.resolve("KZ/node.p12"));
        assertThatThrownBy(this::read).hasMessageContaining("node.pki.keystore: file")
                .hasMessageContaining("certs region --out DIR");
    }

    @Test
    void keystorePasswordFallsBackToTheEnvironment() throws IOException {
        Files.delete(pki.resolve("keystore.pass"));
        NodeSettings settings = new SettingsReader(properties,
                name -> name.equals(SettingsReader.KEYSTORE_PASSWORD_ENV) ? "from-env" : null).read();
        assertThat(settings.pki().password()).containsExactly("from-env".toCharArray());
    }

    @Test
    void noKeystorePasswordAnywhereIsAnError() throws IOException {
        Files.delete(pki.resolve("keystore.pass"));
        assertThatThrownBy(this::read).hasMessageStartingWith("node.pki.password-file: no keystore password");
    }

    @Test
    void rejectsAnUnsupportedDatabase() {
        properties.setProperty("node.db.url", "jdbc:mysql://localhost/x");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.db.url: unsupported database");
    }

    @Test
    void auditCheckpointsGoToTheHubEveryFiveMinutesUnlessSetOtherwise() {
        assertThat(read().auditCheckpointInterval()).isEqualTo(java.time.Duration.ofMinutes(5));
        properties.setProperty("node.audit.checkpoint-interval", "PT30S");
        assertThat(read().auditCheckpointInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void rejectsACheckpointIntervalThatIsNotADuration() {
        properties.setProperty("node.audit.checkpoint-interval", "5 minutes");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.audit.checkpoint-interval: '5 minutes' is not a duration")
                .hasMessageContaining("PT2M");
    }

    @Test
    void resendsWaitTwoMinutesForAReceiptByDefaultDoublingToAnHour() {
        assertThat(read().delivery()).isEqualTo(new NodeSettings.DeliverySettings(java.time.Duration.ofMinutes(2),
                java.time.Duration.ofHours(1)));
    }

    @Test
    void handsOverAndConsumesEightAtOnceByDefaultAndTakesOtherCounts() {
        assertThat(read().delivery().handOvers()).isEqualTo(8);
        assertThat(read().delivery().inboxConsumers()).isEqualTo(8);
        properties.setProperty("node.delivery.hand-overs", "3");
        properties.setProperty("node.delivery.inbox-consumers", "16");
        assertThat(read().delivery().handOvers()).isEqualTo(3);
        assertThat(read().delivery().inboxConsumers()).isEqualTo(16);
    }

    @Test
    void linksGetAHeartbeatEveryFiveSecondsAreUpWithinFifteenAndDownAfterSixtyUnlessSetOtherwise() {
        assertThat(read().links()).isEqualTo(NodeSettings.LinkSettings.DEFAULT);
        assertThat(NodeSettings.LinkSettings.DEFAULT).isEqualTo(new NodeSettings.LinkSettings(
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(60)));
        properties.setProperty("node.links.heartbeat-every", "PT2S");
        properties.setProperty("node.links.up-within", "PT10S");
        properties.setProperty("node.links.down-after", "PT20S");
        assertThat(read().links()).isEqualTo(new NodeSettings.LinkSettings(java.time.Duration.ofSeconds(2),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(20)));
    }

    @Test
    void rejectsLinkTimesThatCouldNeverShowAnIdleLinkUp() {
        properties.setProperty("node.links.heartbeat-every", "PT30S");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.links.up-within: is shorter than node.links.heartbeat-every");
        properties.setProperty("node.links.heartbeat-every", "PT5S");
        properties.setProperty("node.links.down-after", "PT10S");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessage("node.links.down-after: is shorter than node.links.up-within (set it to at least PT15S)");
    }

    @Test
    void rejectsNoConcurrentHandOvers() {
        properties.setProperty("node.delivery.hand-overs", "0");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.delivery.hand-overs: '0' is not a number of concurrent hand-overs"
                        + " per peer from 1 to 64");
    }

    @Test
    void rejectsAResendCeilingBelowTheReceiptWait() {
        properties.setProperty("node.delivery.receipt-wait", "PT10M");
        properties.setProperty("node.delivery.max-resend-wait", "PT5M");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessage("node.delivery.max-resend-wait: is shorter than node.delivery.receipt-wait"
                        + " (set it to at least PT10M)");
    }

    @Test
    void sendersClocksMayRunFiveMinutesAheadAndUpdatesWaitTenDeliveriesUnlessSetOtherwise() {
        assertThat(read().rules()).isEqualTo(new NodeSettings.RulesSettings(java.time.Duration.ofMinutes(5), 10));
        properties.setProperty("node.rules.clock-tolerance", "PT30S");
        properties.setProperty("node.rules.reference-attempts", "3");
        assertThat(read().rules()).isEqualTo(new NodeSettings.RulesSettings(java.time.Duration.ofSeconds(30), 3));
    }

    @Test
    void aNodeReadsEveryVersionItCarriesAndTakesUndeclaredMembersToBeOnTheFirstUnlessSetOtherwise() {
        assertThat(read().rules().highestSchema()).isNull();
        assertThat(read().rules().membersAssumed()).isEqualTo("1-0-0");
        properties.setProperty("node.schemas.highest", "1-0-0");
        properties.setProperty("node.schemas.members-assumed", "1-1-0");
        assertThat(read().rules()).isEqualTo(new NodeSettings.RulesSettings(java.time.Duration.ofMinutes(5), 10,
                "1-0-0", "1-1-0"));
        properties.setProperty("node.schemas.highest", "1.1");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.schemas.highest: ").hasMessageContaining("1.1")
                .hasMessageContaining("name one of them, e.g. 1-0-0");
    }

    @Test
    void onlyTheHubAlertsFirstSightingsUnlessSetAndABadHandlingCodeIsRefused() {
        assertThat(read().picture()).isEqualTo(new NodeSettings.PictureSettings(false, "AMBER",
                java.time.Duration.ofDays(90), null));
        properties.setProperty("node.hub", "KZ");
        assertThat(read().picture().firstSighting()).isTrue();
        properties.setProperty("node.picture.first-sighting", "false");
        properties.setProperty("node.picture.first-sighting.automatic-up-to", "GREEN");
        properties.setProperty("node.picture.first-sighting.alert-lifetime", "P30D");
        properties.setProperty("node.picture.known-substances", pki.resolve("known.json").toString());
        assertThat(read().picture()).isEqualTo(new NodeSettings.PictureSettings(false, "GREEN",
                java.time.Duration.ofDays(30), pki.resolve("known.json")));
        properties.setProperty("node.picture.first-sighting.automatic-up-to", "TLP:AMBER");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.picture.first-sighting.automatic-up-to: ")
                .hasMessageContaining("'TLP:AMBER' is not one of the handling codes");
        properties.setProperty("node.picture.first-sighting.automatic-up-to", "AMBER");
        properties.setProperty("node.picture.first-sighting", "yes");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.picture.first-sighting: ").hasMessageContaining("'yes' is not true");
    }

    @Test
    void rejectsAClockToleranceThatIsNotADuration() {
        properties.setProperty("node.rules.clock-tolerance", "5m");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.rules.clock-tolerance: '5m' is not a duration");
    }

    @Test
    void referenceAttemptsStayBelowTheBrokersDeadLetterLimit() {
        properties.setProperty("node.rules.reference-attempts", "20");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("node.rules.reference-attempts: '20' is not a number of deliveries from 1 to 19");
    }

    @Test
    void limitsDefaultToOneMebibyteDepth32Strings100000AndArrays10000() {
        assertThat(read().limits()).isEqualTo(new JsonLimits(1_048_576, 32, 100_000, 10_000));
    }

    @Test
    void limitsAreReadFromTheirKeys() {
        properties.setProperty("node.limits.message-bytes", "2097152");
        properties.setProperty("node.limits.json-depth", "16");
        properties.setProperty("node.limits.string-length", "50000");
        properties.setProperty("node.limits.array-length", "500");
        assertThat(read().limits()).isEqualTo(new JsonLimits(2_097_152, 16, 50_000, 500));
    }

    @Test
    void aLimitThatIsNotANumberNamesTheKeyAndTheDefault() {
        properties.setProperty("node.limits.message-bytes", "1MB");
        assertThatThrownBy(this::read).isInstanceOf(SettingsException.class)
                .hasMessage("node.limits.message-bytes: '1MB' is not a number of bytes from 65536 to 2147483647"
                        + " (leave it out for the default 1048576, or set e.g. node.limits.message-bytes=1048576)");
    }

    @Test
    void rejectsLimitsOutOfRange() {
        properties.setProperty("node.limits.json-depth", "5000");
        assertThatThrownBy(this::read).hasMessageStartingWith(
                "node.limits.json-depth: '5000' is not a number of levels from 8 to 1000");
        properties.setProperty("node.limits.json-depth", "32");
        properties.setProperty("node.limits.array-length", "0");
        assertThatThrownBy(this::read).hasMessageStartingWith("node.limits.array-length: '0' is not a number");
    }

    @Test
    void camelKeysOfTheFileGoToCamelMainAndNodeKeysDoNot() throws IOException {
        Path file = pki.resolve("application.properties");
        Files.writeString(file, "node.id=KZ\ncamel.main.shutdown-timeout=3\ncamel.server.port=9090\n");
        assertThat(SettingsReader.camelProperties(file))
                .containsExactlyInAnyOrderEntriesOf(Map.of("camel.main.shutdown-timeout", "3",
                        "camel.server.port", "9090"));
    }

    @Test
    void unreadableConfigFileNamesTheOption() {
        assertThatThrownBy(() -> SettingsReader.read(pki.resolve("missing.properties")))
                .hasMessageStartingWith("--config: cannot read");
    }

    private NodeSettings read() {
        return new SettingsReader(properties, name -> null).read();
    }
}
