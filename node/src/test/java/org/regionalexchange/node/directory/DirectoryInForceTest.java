package org.regionalexchange.node.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.NodeKeys;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.MovableClock;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.store.Directories;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.trust.RegionalTrust;

/**
 * The member directory on a real regional PKI and a real H2 store: the hub publishes, a member applies what is newer
 * and from the hub, refuses what is stale or forged with a reason, and starts again from the one it kept.
 */
class DirectoryInForceTest {

    static final List<String> REGION = List.of("CARICC", "KZ", "KG");

    @TempDir
    Path folder;
    RegionalPki pki;
    NodeDatabase hubDatabase;
    NodeDatabase memberDatabase;
    /** Starts at the real now: the certificates the test PKI issues are valid from an hour before it. */
    final MovableClock clock = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    @BeforeEach
    void region() {
        pki = RegionalPki.create(folder.resolve("pki"), REGION, Clock.systemUTC());
        hubDatabase = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("hub").toAbsolutePath(), "node", new char[0]);
        memberDatabase = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("kz").toAbsolutePath(), "node",
                new char[0]);
    }

    @AfterEach
    void close() {
        hubDatabase.close();
        memberDatabase.close();
    }

    @Test
    void theHubPublishesTheFirstDirectoryFromItsConfigurationAndSendsEachVersionOnce() {
        List<ObjectNode> sent = new ArrayList<>();
        DirectoryPublisher publisher = publisher(hub(), sent);

        publisher.start(members(REGION));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("version").asLong()).isEqualTo(1);
        assertThat(sent.get(0).path("members")).hasSize(3);
        assertThat(new Directories(hubDatabase).latest()).get().extracting(Directories.Kept::messageId)
                .isEqualTo("message-1");

        DirectoryInForce restarted = hub();
        publisher(restarted, sent).start(members(REGION));
        assertThat(sent).as("a restart sends nothing already sent").hasSize(1);
        assertThat(restarted.version()).isEqualTo(1);
    }

    @Test
    void aHubAloneKeepsItsFirstDirectoryAndSendsItOnceItHasMembers() {
        List<ObjectNode> sent = new ArrayList<>();
        DirectoryInForce hub = hub();
        DirectoryPublisher publisher = new DirectoryPublisher("CARICC", hub, new Directories(hubDatabase), trustOf(hub),
                clock, Duration.ofDays(7), document -> {
                    if (document.path("members").size() < 2) {
                        return null;
                    }
                    sent.add(document);
                    return "message-" + sent.size();
                });
        publisher.start(members(List.of("CARICC")));
        assertThat(hub.version()).isEqualTo(1);
        assertThat(sent).isEmpty();

        publisher.putMember(members(List.of("KZ")).get("KZ"));
        assertThat(sent).extracting(document -> document.path("version").asLong()).containsExactly(2L);
    }

    @Test
    void aVersionKeptButNotSentBeforeACrashIsSentAgainNotRenumbered() {
        List<ObjectNode> sent = new ArrayList<>();
        DirectoryInForce hub = hub();
        DirectoryPublisher failing = new DirectoryPublisher("CARICC", hub, new Directories(hubDatabase), trust(),
                clock, Duration.ofDays(7), document -> {
                    throw new IllegalStateException("outbox stopped");
                });
        assertThatThrownBy(() -> failing.start(members(REGION))).hasMessageContaining("outbox stopped");

        publisher(hub(), sent).start(members(REGION));

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("version").asLong()).isEqualTo(1);
    }

    @Test
    void aMemberAppliesANewerDirectoryFromTheHubAndKeepsItAcrossARestart() throws Exception {
        DirectoryInForce member = member();
        assertThat(member.version()).isZero();
        assertThat(member.region()).as("before the first directory, the configured region").isEqualTo(REGION);

        receive(member, directory(1, members(List.of("CARICC", "KZ", "KG"))));
        String joining = UUID.randomUUID().toString();
        Map<String, MemberDirectory.Member> withAz = members(List.of("CARICC", "KZ", "KG"));
        pki.addNode("AZ");
        withAz.putAll(members(List.of("AZ")));
        receive(member, joining, directory(2, withAz));

        assertThat(member.version()).isEqualTo(2);
        assertThat(member.region()).containsExactly("CARICC", "KZ", "KG", "AZ");
        assertThat(member.encryptionCertificate("AZ")).contains(pki.node("AZ").encryption().certificate());

        DirectoryInForce restarted = member();
        assertThat(restarted.version()).isEqualTo(2);
        assertThat(restarted.region()).contains("AZ");
        assertThat(restarted.check(joining, "CARICC", directory(2, withAz).toJson()))
                .as("a further copy of the directory in force passes, to be answered as a duplicate").isNotNull();
    }

    @Test
    void aDirectoryNotNewerThanTheOneInForceIsRefusedAsAReplay() throws Exception {
        DirectoryInForce member = member();
        receive(member, directory(3, members(REGION)));

        assertThatThrownBy(() -> member.check(UUID.randomUUID().toString(), "CARICC",
                directory(2, members(REGION)).toJson()))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.REPLAY))
                .hasMessageContaining("version 2 is not newer than version 3 in force");
        assertThatThrownBy(() -> member.check(UUID.randomUUID().toString(), "CARICC",
                directory(3, members(REGION)).toJson()))
                .hasMessageContaining("version 3 is not newer than version 3");
        assertThat(member.version()).isEqualTo(3);
    }

    @Test
    void aDirectorySignedByAnotherMemberIsRefused() {
        DirectoryInForce member = member();
        ObjectNode forged = directory(5, members(REGION)).toJson();
        forged.put("hub", "KG");

        assertThatThrownBy(() -> member.check(UUID.randomUUID().toString(), "KG", forged))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_SIGNER))
                .hasMessageContaining("published by the hub CARICC only; this one is signed by KG");
        assertThat(member.version()).isZero();
    }

    @Test
    void certificatesFromAnotherRootOrNamingAnotherNodeAreRefusedWithTheirPlace() {
        DirectoryInForce member = member();
        RegionalPki foreign = RegionalPki.create(folder.resolve("foreign"), List.of("KZ"), Clock.systemUTC());
        Map<String, MemberDirectory.Member> members = members(REGION);
        MemberDirectory.Member kz = members.get("KZ");
        members.put("KZ", new MemberDirectory.Member("KZ", null, null, Optional.empty(), kz.tls(),
                foreign.node("KZ").signing().certificate(), kz.encryption()));

        assertThatThrownBy(() -> member.check(UUID.randomUUID().toString(), "CARICC",
                directory(1, members).toJson()))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.IMPLAUSIBLE))
                .hasMessageContaining("/document/members/1/certificates/signing");

        Map<String, MemberDirectory.Member> swapped = members(REGION);
        MemberDirectory.Member kg = swapped.get("KG");
        swapped.put("KZ", new MemberDirectory.Member("KZ", null, null, Optional.empty(), kz.tls(), kg.signing(),
                kz.encryption()));
        assertThatThrownBy(() -> member.check(UUID.randomUUID().toString(), "CARICC",
                directory(1, swapped).toJson()))
                .hasMessageContaining("/document/members/1/certificates/signing is issued to KG, not KZ");

        MemberDirectory foreignCrl = new MemberDirectory(1, clock.instant(), clock.instant().plus(Duration.ofDays(7)),
                "CARICC", members(REGION), foreign.publishCrl());
        assertThatThrownBy(() -> member.check(UUID.randomUUID().toString(), "CARICC", foreignCrl.toJson()))
                .hasMessageContaining("/document/crl is not signed by the regional root");
        assertThat(member.version()).isZero();
    }

    @Test
    void aRevocationInTheDirectoryTakesTheMemberOutOfTheRegionAndItsCertificatesOutOfTrust() throws Exception {
        DirectoryInForce member = member();
        receive(member, directory(1, members(REGION)));
        RegionalTrust trust = trustOf(member);
        assertThat(trust.isRevoked(pki.node("KG").signing().certificate())).isFalse();

        MemberDirectory revoked = new MemberDirectory(2, clock.instant(), clock.instant().plus(Duration.ofDays(7)),
                "CARICC", members(REGION), pki.revoke("KG", CertificatePurpose.SIGNING));
        receive(member, revoked);

        assertThat(trust.isRevoked(pki.node("KG").signing().certificate())).isTrue();
        assertThat(member.region()).containsExactly("CARICC", "KZ");
    }

    @Test
    void theHubPublishesWhenTheCrlIsNewerOrHalfTheLifetimeHasPassed() {
        List<ObjectNode> sent = new ArrayList<>();
        DirectoryInForce hub = hub();
        DirectoryPublisher publisher = publisher(hub, sent);
        publisher.start(members(REGION));

        assertThat(publisher.publishIfDue()).isEmpty();
        pki.revoke("KG", CertificatePurpose.TLS);
        assertThat(publisher.publishIfDue()).get().extracting(MemberDirectory::version).isEqualTo(2L);
        assertThat(publisher.publishIfDue()).isEmpty();

        clock.move(Duration.ofDays(4));
        assertThat(publisher.publishIfDue()).get().extracting(MemberDirectory::version).isEqualTo(3L);
        assertThat(sent).extracting(document -> document.path("version").asLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aHubHoldingTheCaKeyReissuesTheCrlBeforeItsNextUpdateAndPublishesIt() {
        List<ObjectNode> sent = new ArrayList<>();
        DirectoryInForce hub = hub();
        RegionalPki authority = RegionalPki.load(pki.directory(), clock);
        DirectoryPublisher publisher = publisher(hub, sent).reissuingCrls(authority::publishCrl, Duration.ofDays(2));
        publisher.start(members(REGION));
        java.util.Date nextUpdate = trustOf(hub).crl().getNextUpdate();

        assertThat(publisher.publishIfDue()).as("five days and more before the CRL's nextUpdate").isEmpty();
        clock.move(Duration.between(clock.instant(), nextUpdate.toInstant()).minus(Duration.ofDays(1)));
        MemberDirectory published = publisher.publishIfDue().orElseThrow();

        assertThat(published.crl().getNextUpdate()).isAfter(nextUpdate);
        assertThat(trustOf(hub).crl().getNextUpdate()).isAfter(nextUpdate);
        assertThat(publisher.publishIfDue()).as("once re-issued, nothing is due").isEmpty();
    }

    @Test
    void theHubRefusesAChangeNoMemberCouldApply() {
        DirectoryPublisher publisher = publisher(hub(), new ArrayList<>());
        publisher.start(members(REGION));
        RegionalPki foreign = RegionalPki.create(folder.resolve("foreign"), List.of("AZ"), Clock.systemUTC());
        NodeKeys az = foreign.node("AZ");

        assertThatThrownBy(() -> publisher.putMember(new MemberDirectory.Member("AZ", null, null, Optional.empty(),
                az.tls().certificate(), az.signing().certificate(), az.encryption().certificate())))
                .isInstanceOf(DirectoryPublisher.RefusedChangeException.class)
                .hasMessageContaining("would not be applied by the members");
        assertThatThrownBy(() -> publisher.removeMember("CARICC")).hasMessageContaining("cannot leave");
        assertThatThrownBy(() -> publisher.removeMember("AZ")).hasMessageContaining("AZ is not a member");
    }

    private final Map<DirectoryInForce, RegionalTrust> trusts = new java.util.IdentityHashMap<>();

    private RegionalTrust trust() {
        return RegionalTrust.fromFiles(pki.caCertificatePem(), pki.crlPem());
    }

    private RegionalTrust trustOf(DirectoryInForce directory) {
        return trusts.get(directory);
    }

    private DirectoryInForce hub() {
        RegionalTrust trust = trust();
        DirectoryInForce directory = DirectoryInForce.load("CARICC", "CARICC", REGION, trust,
                new Directories(hubDatabase), clock);
        trusts.put(directory, trust);
        return directory;
    }

    private DirectoryInForce member() {
        // The member's own copy of the CRL as it was at enrolment: later revocations reach it through the directory.
        Path crl = folder.resolve("kz-crl-" + UUID.randomUUID() + ".pem");
        try {
            java.nio.file.Files.copy(pki.crlPem(), crl);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        RegionalTrust trust = RegionalTrust.fromFiles(pki.caCertificatePem(), crl);
        DirectoryInForce directory = DirectoryInForce.load("KZ", "CARICC", REGION, trust,
                new Directories(memberDatabase), clock);
        trusts.put(directory, trust);
        return directory;
    }

    private DirectoryPublisher publisher(DirectoryInForce hub, List<ObjectNode> sent) {
        return new DirectoryPublisher("CARICC", hub, new Directories(hubDatabase), trustOf(hub), clock,
                Duration.ofDays(7), document -> {
                    sent.add(document);
                    return "message-" + sent.size();
                });
    }

    private MemberDirectory directory(long version, Map<String, MemberDirectory.Member> members) {
        return new MemberDirectory(version, clock.instant(), clock.instant().plus(Duration.ofDays(7)), "CARICC",
                members, pki.publishCrl());
    }

    private Map<String, MemberDirectory.Member> members(List<String> nodes) {
        Map<String, MemberDirectory.Member> members = new LinkedHashMap<>();
        for (String node : nodes) {
            NodeKeys keys = pki.node(node);
            members.put(node, new MemberDirectory.Member(node, null, null, Optional.empty(),
                    keys.tls().certificate(), keys.signing().certificate(), keys.encryption().certificate()));
        }
        return members;
    }

    private void receive(DirectoryInForce member, MemberDirectory directory) throws Exception {
        receive(member, UUID.randomUUID().toString(), directory);
    }

    /** As the inbox does: check, keep in the store's transaction, then take into force. */
    private void receive(DirectoryInForce member, String messageId, MemberDirectory directory) throws Exception {
        ObjectNode document = directory.toJson();
        MemberDirectory checked = member.check(messageId, "CARICC", document);
        memberDatabase.write("test", connection -> {
            member.keep(connection, messageId, "CARICC", checked, document.toString());
            return null;
        });
        member.applied(messageId, checked);
    }
}
