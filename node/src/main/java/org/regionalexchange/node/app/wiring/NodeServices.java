package org.regionalexchange.node.app.wiring;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.RoutesBuilder;
import org.regionalexchange.node.api.ApiGuard;
import org.regionalexchange.node.api.ApiRoutes;
import org.regionalexchange.node.api.ApiUsers;
import org.regionalexchange.node.api.DirectoryDesk;
import org.regionalexchange.node.api.Health;
import org.regionalexchange.node.api.NodeApi;
import org.regionalexchange.node.api.NodeMetrics;
import org.regionalexchange.node.api.OperatorDesks;
import org.regionalexchange.node.api.RegionalPicture;
import org.regionalexchange.node.api.UnitAccounts;
import org.regionalexchange.node.api.UserAccounts;
import org.regionalexchange.node.api.UserDesk;
import org.regionalexchange.node.audit.AuditAnchoring;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.BrokerConfig;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.broker.InternalCredentials;
import org.regionalexchange.node.broker.LocalUsers;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.NodeKeyring;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.directory.DirectoryInForce;
import org.regionalexchange.node.directory.DirectoryPublisher;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.node.inbox.Acceptance;
import org.regionalexchange.node.inbox.DeadLetterDesk;
import org.regionalexchange.node.inbox.InboundLedger;
import org.regionalexchange.node.inbox.InboxErrorPolicy;
import org.regionalexchange.node.inbox.InboxRoutes;
import org.regionalexchange.node.inbox.LocalDispatcher;
import org.regionalexchange.node.inbox.QuarantineBudget;
import org.regionalexchange.node.inbox.QuarantineDesk;
import org.regionalexchange.node.inbox.Receipts;
import org.regionalexchange.node.inbox.Rejections;
import org.regionalexchange.node.inbox.Relay;
import org.regionalexchange.node.outbox.CopyQueue;
import org.regionalexchange.node.outbox.DeliveryRoutes;
import org.regionalexchange.node.outbox.Diversion;
import org.regionalexchange.node.outbox.HopHealth;
import org.regionalexchange.node.outbox.LinkLog;
import org.regionalexchange.node.outbox.LocalSubmitRoutes;
import org.regionalexchange.node.outbox.OutboxRecovery;
import org.regionalexchange.node.outbox.OutboxRoutes;
import org.regionalexchange.node.outbox.OutboxWriter;
import org.regionalexchange.node.outbox.ReceiptWatch;
import org.regionalexchange.node.outbox.Sealing;
import org.regionalexchange.node.outbox.SentLedger;
import org.regionalexchange.node.outbox.StoredMessages;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.outbox.SubmissionChecker;
import org.regionalexchange.node.outbox.SubmissionReader;
import org.regionalexchange.node.picture.FirstSightingRoutes;
import org.regionalexchange.node.picture.FirstSightings;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.node.rules.VersionRules;
import org.regionalexchange.node.store.CustomsUnits;
import org.regionalexchange.node.store.Directories;
import org.regionalexchange.node.store.MemberSchemas;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.QuarantineStore;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.SentMessages;
import org.regionalexchange.node.store.SightedSubstances;
import org.regionalexchange.node.trust.NodeIdentity;
import org.regionalexchange.node.trust.RegionalTrust;
import org.regionalexchange.node.units.UnitDispatch;
import org.regionalexchange.node.units.UnitRegistry;
import org.regionalexchange.node.units.UnitRouting;
import org.regionalexchange.node.units.UnitSubmissions;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.SchemaVersion;
import org.springframework.jms.connection.CachingConnectionFactory;

/** The wiring of one node: every collaborator built once from the settings, in dependency order. */
public record NodeServices(NodeSettings settings, NodeDatabase database, EmbeddedBroker broker,
        CachingConnectionFactory internalFactory, List<RoutesBuilder> routes, NodeApi api, ApiUsers apiUsers,
        NodeMetrics metrics, ReceiptWatch receiptWatch, OutboxRecovery outboxRecovery, AuditLog audit,
        AuditAnchoring auditAnchoring, QuarantineDesk quarantineDesk, DeadLetterDesk deadLetterDesk,
        ReceivedMessages received, Receipts receipts, HopHealth hops, LinkLog linkLog, NextHopResolver resolver,
        DirectoryInForce directory, DirectoryPublisher publisher,
        java.util.concurrent.atomic.AtomicReference<java.util.function.Function<Submission, String>> submitter,
        Health health, java.util.function.Function<String, List<RoutesBuilder>> peerRoutes) {

    static NodeServices create(NodeSettings configured, InternalCredentials internal, Clock clock,
            Consumer<CachingConnectionFactory> factories) {
        NodeKeyring keys = Pkcs12NodeKeyring.load(configured.pki().keystore(), configured.pki().password());
        if (!keys.nodeId().equals(configured.nodeId())) {
            throw new SettingsException("node.pki.keystore", "holds the keys of " + keys.nodeId() + ", not "
                    + configured.nodeId(), "point it at " + configured.nodeId() + "'s node.p12");
        }
        RegionalTrust trust = RegionalTrust.fromFiles(configured.pki().caCertificate(), configured.pki().crl());
        NodeDatabase database = NodeDatabase.open(configured.database().url(), configured.database().user(),
                configured.database().password());
        CustomsUnits customsUnits = new CustomsUnits(database);
        Directories directories = new Directories(database);
        DirectoryInForce directory = DirectoryInForce.load(configured.nodeId(), configured.hub(),
                configured.region(), trust, directories, clock);
        // The hub links to every member the directory gives an endpoint, not only to those configured.
        NodeSettings settings = configured.isHub() ? configured.withPeers(HubDirectory.linkedMembers(configured,
                directory)) : configured;
        EmbeddedBroker broker = startBroker(settings, internal, trust, database, customsUnits, clock);
        UnitRegistry unitRegistry = new UnitRegistry(customsUnits, new UnitRegistry.Queues() {
            @Override
            public void ensure(String queue) {
                broker.anycastQueue(queue);
            }

            @Override
            public void remove(String queue) {
                broker.removeQueue(queue);
            }
        }, settings.organisation(), clock);
        CachingConnectionFactory internalFactory = NodeRuntime.caching(
                PeerConnections.internal(broker.inVmUrl(), internal));
        factories.accept(internalFactory);
        // The dispatcher's own factory: its sends must never join a route's transaction (see LocalDispatcher).
        CachingConnectionFactory dispatchFactory = NodeRuntime.caching(
                PeerConnections.internal(broker.inVmUrl(), internal));
        factories.accept(dispatchFactory);

        NodeMetrics metrics = new NodeMetrics(broker, settings.peers().keySet());
        metrics.watch(database);
        SentMessages sent = new SentMessages(database, clock);
        ReceivedMessages received = new ReceivedMessages(database);
        QuarantineStore quarantine = new QuarantineStore(database);
        AuditLog audit = new AuditLog(database, clock);
        // Each link's state, from hand-overs and heartbeats: a neighbour whose link is down is reached through the hub.
        HopHealth hops = new HopHealth(clock, settings.links().upWithin(), settings.links().downAfter());
        // What the operator reads about each link: a few lines per outage (see LinkLog), from hand-overs and heartbeats.
        LinkLog linkLog = new LinkLog(settings.nodeId(), hops, clock);
        NextHopResolver resolver = new NextHopResolver(settings.nodeId(), settings.hub(), directory::region,
                settings.peers().values().stream().filter(p -> p.direct() || p.nodeId().equals(settings.hub()))
                        .map(NodeSettings.PeerSettings::nodeId).toList(), hops::isUsable);
        CertificateDirectory certificates = new CertificateDirectory(settings.pki().certificatesDir(),
                directory::encryptionCertificate, () -> directory.version() > 0);
        SchemaCatalog catalog = settings.rules().highestSchema() == null ? SchemaCatalog.load()
                : SchemaCatalog.load(SchemaVersion.parse(settings.rules().highestSchema()));
        MemberSchemas members = MemberSchemas.load(database);
        VersionRules versions = new VersionRules(catalog, members::declared,
                settings.rules().membersAssumed());
        StrictJson json = new StrictJson(settings.limits());

        OutboxWriter outbox = new OutboxWriter(internalFactory);
        NodeSettings.DeliverySettings delivery = settings.delivery();
        SentLedger sentLedger = new SentLedger(settings.nodeId(), sent, audit, delivery.receiptWait(), clock);
        InboundLedger inboundLedger = new InboundLedger(audit);
        Receipts receipts = new Receipts(settings.nodeId(), sent, received, clock, metrics::receiptLatency,
                new Receipts.Declarations(versions, versions.declaresInReceipts() ? catalog.receiptDeclaration()
                        : java.util.Map.of(), members::declare));
        List<RoutesBuilder> routes = new ArrayList<>();
        StoredMessages known = new StoredMessages(settings.nodeId(), sent, received);
        MessageRules rules = new MessageRules(settings.nodeId(), directory::region, clock,
                settings.rules().clockTolerance(), known);
        routes.add(new OutboxRoutes(new SubmissionChecker(settings.nodeId(), catalog, resolver, certificates, clock,
                rules, versions),
                new Sealing(new MessageSealer(keys, clock), certificates, metrics.sealTimer(),
                        settings.limits().maxBytes()), sentLedger,
                new CopyQueue(outbox, sentLedger)));
        Diversion diversion = new Diversion(resolver, outbox::enqueueCopies, sentLedger);
        routes.add(new DeliveryRoutes(settings.nodeId(), settings.peers().keySet(), sentLedger, hops, linkLog,
                diversion, delivery.handOvers()));
        SubmissionReader submissions = new SubmissionReader(json);
        routes.add(new LocalSubmitRoutes(submissions, new UnitSubmissions(unitRegistry, customsUnits, received)));
        routes.add(new InboxErrorPolicy(new Rejections(quarantine, inboundLedger, receipts, clock,
                new QuarantineBudget(settings.broker().inboxLimits().quarantinePerHour()), metrics::rejected)));
        InboxRoutes inboxRoutes = new InboxRoutes(new Relay(settings.nodeId(), resolver, outbox, inboundLedger),
                new Acceptance(new MessageOpener(keys, trust, clock, json), catalog, received, audit, clock,
                        metrics.openTimer(), rules, settings.rules().referenceAttempts(), directory),
                new LocalDispatcher(dispatchFactory, received, new UnitDispatch(unitRegistry,
                        new UnitRouting(settings.organisation()), customsUnits, clock), clock), receipts, settings.peers().keySet(),
                delivery.inboxConsumers());
        routes.add(inboxRoutes);
        SightedSubstances sighted = new SightedSubstances(database);
        firstSightings(settings, broker, sighted, clock).ifPresent(routes::add);
        ReceiptWatch receiptWatch = new ReceiptWatch(settings.nodeId(), sent, resolver, outbox::enqueueCopies, audit,
                hops, delivery.receiptWait(), delivery.maxResendWait(), clock);
        OutboxRecovery recovery = new OutboxRecovery(settings.nodeId(), sent, resolver, outbox, internalFactory,
                settings.peers().keySet());
        Health health = new Health(broker, database, List.copyOf(settings.peers().keySet()), hops,
                trust::crlNextUpdate, clock, catalog.supported(), watchedCertificates(settings, keys),
                settings.pki().expiryWarning());
        health.watchDirectory(directory);
        metrics.watch(hops, health, settings.peers().keySet());
        NodeApi api = new NodeApi(sent, received, quarantine, audit, health, metrics, clock, settings.auditAnchor(),
                submissions);
        // The operator desks' own factory: their sends and browses run outside any route's transaction.
        CachingConnectionFactory deskFactory = NodeRuntime.caching(
                PeerConnections.internal(broker.inVmUrl(), internal));
        factories.accept(deskFactory);
        QuarantineDesk quarantineDesk = new QuarantineDesk(quarantine, audit, deskFactory, clock);
        DeadLetterDesk deadLetterDesk = new DeadLetterDesk(deskFactory, broker, audit);
        ApiUsers apiUsers = new ApiUsers(settings.http().usersFile());
        // The hub publishes the directory through its own outbox, which exists once the routes run (NodeRuntime).
        java.util.concurrent.atomic.AtomicReference<java.util.function.Function<Submission, String>> submitter =
                new java.util.concurrent.atomic.AtomicReference<>();
        DirectoryPublisher publisher = settings.isHub() ? new DirectoryPublisher(settings.nodeId(), directory,
                directories, trust, clock, settings.directory().lifetime(), document -> {
                    Submission submission = HubDirectory.submission(document,
                            node -> directory.encryptionCertificate(node).isPresent());
                    return submission.recipients().isEmpty() ? null : submitter.get().apply(submission);
                }) : null;
        if (publisher != null && settings.directory().caDir() != null) {
            java.nio.file.Path caDir = settings.directory().caDir();
            publisher.reissuingCrls(() -> org.regionalexchange.certs.RegionalPki.load(caDir, clock).publishCrl(),
                    settings.directory().crlRefreshBefore());
        }
        // A revocation the directory brings closes the revoked peer's open connections too, not only new ones.
        directory.onApplied(applied -> broker.closeConnections(trust::isRevoked));
        // The picture's members are the directory's as they are at each request, so a member that joins is counted.
        RegionalPicture picture = new RegionalPicture(received, sighted, () -> directory.region().stream()
                .filter(id -> !id.equals(settings.hub())).toList(), clock);
        routes.add(new ApiRoutes(api, new OperatorDesks(quarantineDesk, deadLetterDesk),
                new UserAccounts(apiUsers), new UnitAccounts(unitRegistry, customsUnits),
                new ApiGuard(apiUsers, settings.nodeId()), settings.nodeId(), picture,
                new DirectoryDesk(settings.nodeId(), directory, publisher, trust::isRevoked, clock),
                new UserDesk(settings.nodeId(), settings.hub(), sent, customsUnits, catalog, clock)));
        routes.add(new org.regionalexchange.node.api.ConsoleRoutes());
        return new NodeServices(settings, database, broker, internalFactory, routes, api, apiUsers, metrics,
                receiptWatch, recovery, audit, new AuditAnchoring(audit, settings.auditAnchor()), quarantineDesk,
                deadLetterDesk, received, receipts, hops, linkLog, resolver, directory, publisher, submitter, health,
                peer -> List.of(new DeliveryRoutes(settings.nodeId(), List.of(peer), sentLedger, hops, linkLog,
                        diversion, delivery.handOvers()), inboxRoutes.forPeer(peer)));
    }

    /**
     * The hub's first-sighting rule, when on: its queue on the dispatch address (removed when off, so nothing piles
     * up for a consumer that is gone), the sightings kept so far, and the seed list taken in.
     */
    private static java.util.Optional<FirstSightingRoutes> firstSightings(NodeSettings settings,
            EmbeddedBroker broker, SightedSubstances sighted, Clock clock) {
        NodeSettings.PictureSettings picture = settings.picture();
        broker.subscription(BrokerAddresses.LOCAL_DISPATCH, BrokerAddresses.FIRST_SIGHTING,
                BrokerAddresses.FIRST_SIGHTING_FILTER, picture.firstSighting());
        if (!picture.firstSighting()) {
            return java.util.Optional.empty();
        }
        FirstSightings rule = new FirstSightings(settings.nodeId(), sighted, clock, picture.automaticUpTo(),
                picture.alertLifetime());
        if (picture.knownSubstances() != null) {
            List<com.fasterxml.jackson.databind.JsonNode> seed;
            try {
                seed = FirstSightings.readSeed(picture.knownSubstances());
            } catch (IllegalArgumentException e) {
                throw new SettingsException("node.picture.known-substances", e.getMessage(), "fix the file: a JSON"
                        + " array of substance objects, each with its preferredName, or leave the setting out");
            }
            int added = rule.seed(seed, picture.knownSubstances().getFileName().toString());
            org.slf4j.LoggerFactory.getLogger(NodeServices.class).info("{}: {} of {} substances of {} were new to"
                    + " the first-sighting rule", settings.nodeId(), added, seed.size(), picture.knownSubstances());
        }
        return java.util.Optional.of(new FirstSightingRoutes(DeliveryRoutes.INTERNAL, rule));
    }

    /**
     * The broker, admitting local systems from the local users file and registered customs units by the password
     * digest kept in the store; a unit's acknowledgement of a message on its queue is noted there.
     */
    /** The node's own tls, signing and encryption certificates and the regional root, for expiry warnings. */
    static List<Health.Certificate> watchedCertificates(NodeSettings settings, NodeKeyring keys) {
        List<Health.Certificate> certificates = new ArrayList<>();
        try {
            java.security.KeyStore tls = java.security.KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(settings.pki().tlsKeystore())) {
                tls.load(in, settings.pki().password());
            }
            for (String alias : java.util.Collections.list(tls.aliases())) {
                if (tls.getCertificate(alias) instanceof java.security.cert.X509Certificate certificate) {
                    certificates.add(new Health.Certificate("tls", certificate.getNotAfter().toInstant()));
                    break;
                }
            }
            certificates.add(new Health.Certificate("signing", keys.signingCertificate().getNotAfter().toInstant()));
            certificates.add(new Health.Certificate("encryption",
                    keys.encryptionCertificate().getNotAfter().toInstant()));
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(settings.pki().caCertificate())) {
                java.security.cert.X509Certificate root = (java.security.cert.X509Certificate)
                        java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
                certificates.add(new Health.Certificate("root", root.getNotAfter().toInstant()));
            }
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new SettingsException("node.pki.dir", "cannot read this node's certificates for their expiry: "
                    + e.getMessage(), "check node.pki.dir and the keystore password");
        }
        return certificates;
    }

    private static EmbeddedBroker startBroker(NodeSettings settings, InternalCredentials internal,
            RegionalTrust trust, NodeDatabase database, CustomsUnits units, Clock clock) {
        NodeSecurityManager security = new NodeSecurityManager(internal,
                LocalUsers.read(settings.broker().localUsersFile()),
                name -> units.find(name).map(CustomsUnits.Unit::passwordDigest), NodeIdentity::of, trust::isRevoked,
                settings.broker().inboxLimits().maxConnections());
        try {
            return new EmbeddedBroker(new BrokerConfig(settings.nodeId(), settings.dataDir(),
                    settings.broker().host(), settings.broker().peerPort(), settings.broker().localPort(),
                    settings.pki().tlsKeystore(), settings.pki().truststore(), settings.pki().password(),
                    settings.peers().keySet(), settings.limits().maxBytes(), settings.broker().inboxLimits()),
                    security).onAcknowledged(BrokerAddresses.UNIT_PREFIX, (queue, messageId) -> units.acknowledged(
                            UnitRegistry.unitOf(queue).orElseThrow(), messageId, clock.instant())).start();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    void close() {
        broker.close();
        database.close();
    }
}
