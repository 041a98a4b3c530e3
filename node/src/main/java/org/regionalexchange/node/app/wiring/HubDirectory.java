package org.regionalexchange.node.app.wiring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.regionalexchange.node.directory.MemberDirectory;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.schemas.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub's first member directory is made of, and how each version is sent: the region it was configured with
 * ({@code node.region}), each member's certificates from {@code node.pki.certificates-dir}
 * ({@code <NODE>/{tls,signing,encryption}.crt.pem}, as {@code certs sign} and {@code certs region} write them) and its
 * endpoint from {@code node.peers.*}. Later versions change through the hub's API.
 */
final class HubDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(HubDirectory.class);

    private HubDirectory() {}

    /**
     * A directory document to every member it lists, under GREEN: it holds only public certificates and addresses.
     * Addressed by name rather than to REGIONAL, so a member that joins with this version is addressed before it
     * knows it is in the region. A member whose encryption certificate is revoked gets nothing: nothing can be
     * sealed for it.
     */
    static Submission submission(ObjectNode document, java.util.function.Predicate<String> sealable) {
        List<String> recipients = new java.util.ArrayList<>();
        String hub = document.path("hub").asText();
        document.path("members").forEach(member -> {
            if (!member.path("node").asText().equals(hub) && sealable.test(member.path("node").asText())) {
                recipients.add(member.path("node").asText());
            }
        });
        return new Submission(MessageKind.MEMBER_DIRECTORY.id(), recipients, "GREEN", document, List.of(), null,
                "en", "actual");
    }

    /** The configured members whose certificates are in the certificates folder; the others are left out, warned. */
    static Map<String, MemberDirectory.Member> configuredMembers(NodeSettings settings) {
        Map<String, MemberDirectory.Member> members = new LinkedHashMap<>();
        for (String node : settings.region()) {
            Path folder = settings.pki().certificatesDir().resolve(node);
            try {
                members.put(node, new MemberDirectory.Member(node, null, node.equals(settings.nodeId())
                        ? settings.organisation() : null, endpoint(settings, node), read(folder, "tls"),
                        read(folder, "signing"), read(folder, "encryption")));
            } catch (IOException | GeneralSecurityException e) {
                LOG.warn("{}: {} is left out of the first member directory: its certificates are not in {} ({}); add it"
                        + " with PUT /api/v1/directory/members/{}", settings.nodeId(), node, folder, e.getMessage(),
                        node);
            }
        }
        return members;
    }

    /** The members the directory in force gives an endpoint, as peers of the hub (none before the first). */
    static Map<String, NodeSettings.PeerSettings> linkedMembers(NodeSettings settings,
            org.regionalexchange.node.directory.DirectoryInForce directory) {
        Map<String, NodeSettings.PeerSettings> peers = new LinkedHashMap<>();
        directory.current().ifPresent(current -> current.members().values().forEach(member -> {
            if (!member.node().equals(settings.nodeId())) {
                member.endpoint().ifPresent(endpoint -> peers.put(member.node(), peer(member.node(), endpoint)));
            }
        }));
        return peers;
    }

    static NodeSettings.PeerSettings peer(String node, MemberDirectory.Endpoint endpoint) {
        return new NodeSettings.PeerSettings(node, endpoint.host(), endpoint.port(), true);
    }

    private static Optional<MemberDirectory.Endpoint> endpoint(NodeSettings settings, String node) {
        if (node.equals(settings.nodeId())) {
            String host = settings.broker().host();
            return host.equals("0.0.0.0") || host.equals("::") ? Optional.empty()
                    : Optional.of(new MemberDirectory.Endpoint(host, settings.broker().peerPort()));
        }
        return settings.peer(node).map(peer -> new MemberDirectory.Endpoint(peer.host(), peer.port()));
    }

    private static X509Certificate read(Path folder, String purpose) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(folder.resolve(purpose + ".crt.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
