package org.regionalexchange.node.app.wiring;

import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.Main;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.broker.InternalCredentials;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.logging.MessageLogInterceptor;
import org.regionalexchange.node.outbox.AuditCheckpoints;
import org.regionalexchange.node.outbox.DeliveryRoutes;
import org.regionalexchange.node.outbox.LinkProbe;
import org.regionalexchange.node.outbox.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * One running node: its broker, its database, its JMS components (in-VM to its own broker, mutual TLS to each peer)
 * and its Camel routes on camel-main. Several can run in one JVM, each with its own ports and data folder.
 */
public final class NodeRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final NodeServices services;
    private final Main main;
    private final List<CachingConnectionFactory> factories;
    private final ProducerTemplate template;
    private final NodeTasks tasks;
    private final LinkProbe linkProbe;
    private final org.regionalexchange.node.inbox.ReceiptBatcher receiptBatcher;
    private final java.util.Set<String> linked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean quiesced = new java.util.concurrent.atomic.AtomicBoolean();

    private NodeRuntime(NodeServices services, Main main, List<CachingConnectionFactory> factories, NodeTasks tasks,
            LinkProbe linkProbe, Clock clock) {
        this.services = services;
        this.linkProbe = linkProbe;
        this.main = main;
        this.factories = factories;
        this.tasks = tasks;
        this.template = main.getCamelContext().createProducerTemplate();
        this.receiptBatcher = new org.regionalexchange.node.inbox.ReceiptBatcher(services.settings().nodeId(),
                services.received(), services.receipts(), this::submit, clock);
    }

    public static NodeRuntime start(NodeSettings settings, Clock clock) {
        return start(settings, clock, java.util.Map.of());
    }

    /** @param camelProperties {@code camel.*} keys from the node's application.properties; they override defaults */
    public static NodeRuntime start(NodeSettings settings, Clock clock, java.util.Map<String, String> camelProperties) {
        InternalCredentials internal = InternalCredentials.generate();
        List<CachingConnectionFactory> factories = new java.util.concurrent.CopyOnWriteArrayList<>();
        NodeServices services = NodeServices.create(settings, internal, clock, factories::add);
        NodeSettings effective = services.settings();
        LinkProbe linkProbe = null;
        try {
            Main main = new Main();
            main.addInitialProperty("camel.main.name", settings.nodeId());
            main.addInitialProperty("camel.main.shutdown-timeout", "10");
            main.addInitialProperty("camel.server.enabled", "true");
            http(main, settings);
            main.addInitialProperty("camel.metrics.enabled", "true");
            main.addInitialProperty("camel.metrics.enableRoutePolicy", "true");
            camelProperties.forEach(main::addInitialProperty);
            main.bind("metricsRegistry", services.metrics().registry());
            // Every route step logs with the messageId of the message it works on (the MDC's messageId).
            main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
                @Override
                public void beforeConfigure(org.apache.camel.main.BaseMainSupport configured) {
                    configured.getCamelContext().getCamelContextExtension().addInterceptStrategy(
                            new MessageLogInterceptor(MessageProperties.MESSAGE_ID));
                }
            });
            main.bind(DeliveryRoutes.INTERNAL, JmsComponent.jmsComponent(services.internalFactory()));
            // Each peer twice: a cached factory for the hand-overs, and a plain one the heartbeat opens and closes
            // connections with (and closes itself, before the routes stop).
            java.util.Map<String, jakarta.jms.ConnectionFactory> probed = new java.util.LinkedHashMap<>();
            for (NodeSettings.PeerSettings peer : effective.peers().values()) {
                CachingConnectionFactory factory = caching(peerFactory(effective, peer));
                factories.add(factory);
                main.bind(DeliveryRoutes.peerComponent(peer.nodeId()), JmsComponent.jmsComponent(factory));
                probed.put(peer.nodeId(), peerFactory(effective, peer));
            }
            linkProbe = new LinkProbe(settings.nodeId(), probed, services.hops(), settings.links().heartbeatEvery(),
                    services.resolver()::fallsBack, services.linkLog());
            services.routes().forEach(main.configure()::addRoutesBuilder);
            main.start();
            services.outboxRecovery().requeueMissing();
            NodeTasks tasks = new NodeTasks(settings.nodeId());
            NodeRuntime runtime = new NodeRuntime(services, main, factories, tasks, linkProbe.start(), clock);
            runtime.receiptBatcher.start();
            services.submitter().set(runtime::submit);
            if (effective.isHub()) {
                // Before a new version is sent, the hub links to a member it gives an endpoint for the first time.
                services.directory().onApplied(runtime::linkNewMembers);
            }
            if (services.publisher() != null) {
                services.publisher().start(HubDirectory.configuredMembers(settings));
                tasks.every(settings.directory().checkEvery(), "checking whether a member directory is due",
                        services.publisher()::publishIfDue);
            }
            tasks.every(receiptCheckPeriod(settings.delivery().receiptWait()), "the check for overdue receipts",
                    services.receiptWatch()::resendOverdue);
            tasks.every(settings.auditAnchorInterval(), "anchoring the audit chain",
                    services.auditAnchoring()::anchorNow);
            if (!settings.isHub()) {
                AuditCheckpoints checkpoints = new AuditCheckpoints(settings.nodeId(), settings.hub(),
                        services.audit(), runtime::submit, receiptId -> services.received().find(receiptId)
                                .map(receipt -> receipt.sender().equals(settings.hub())).orElse(true));
                tasks.every(settings.auditCheckpointInterval(), "sending the audit checkpoint to " + settings.hub(),
                        checkpoints::checkpointNow);
            }
            LOG.info("node {} started: peers {}, API on {}/api/v1 ({} users in {})", settings.nodeId(),
                    settings.peers().keySet(), settings.http().baseUrl(), services.apiUsers().list().size(),
                    settings.http().usersFile());
            if (services.apiUsers().isEmpty()) {
                LOG.warn("node {} has no API users, so every API call but /health/live is refused: add one with"
                        + " `node users add --config FILE --name NAME --role admin`", settings.nodeId());
            }
            return runtime;
        } catch (Exception e) {
            if (linkProbe != null) {
                linkProbe.close();
            }
            factories.forEach(CachingConnectionFactory::destroy);
            services.close();
            throw new IllegalStateException("node " + settings.nodeId() + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The embedded HTTP server: on its own host (loopback unless set), HTTPS with the node's TLS key by default, and
     * a body limit so an oversized request is refused before it is read into memory.
     */
    private static void http(Main main, NodeSettings settings) {
        NodeSettings.HttpSettings http = settings.http();
        main.addInitialProperty("camel.server.host", http.host());
        main.addInitialProperty("camel.server.port", Integer.toString(http.port()));
        main.addInitialProperty("camel.server.maxBodySize", Long.toString(http.maxBodyBytes()));
        if (http.tls()) {
            main.addInitialProperty("camel.server.useGlobalSslContextParameters", "true");
            main.addInitialProperty("camel.ssl.enabled", "true");
            main.addInitialProperty("camel.ssl.keyStore", "file:" + settings.pki().tlsKeystore().toAbsolutePath());
            main.addInitialProperty("camel.ssl.keyStoreType", "PKCS12");
            main.addInitialProperty("camel.ssl.keystorePassword", new String(settings.pki().password()));
            main.addInitialProperty("camel.ssl.secureSocketProtocol", "TLSv1.3");
        }
    }

    private static org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory peerFactory(NodeSettings settings,
            NodeSettings.PeerSettings peer) {
        return PeerConnections.peer(peer.host(), peer.port(), settings.pki().tlsKeystore(), settings.pki().truststore(),
                settings.pki().password());
    }

    /**
     * Links the hub to each member of a directory that gives it an endpoint and is not a peer yet: the broker's inbox
     * and outbox for it, its JMS component, its hand-over and inbox routes, its heartbeat and its line on /health.
     */
    private synchronized void linkNewMembers(org.regionalexchange.node.directory.MemberDirectory directory) {
        NodeSettings settings = services.settings();
        for (org.regionalexchange.node.directory.MemberDirectory.Member member : directory.members().values()) {
            String id = member.node();
            if (id.equals(settings.nodeId()) || settings.peers().containsKey(id) || linked.contains(id)
                    || member.endpoint().isEmpty()) {
                continue;
            }
            NodeSettings.PeerSettings peer = HubDirectory.peer(id, member.endpoint().get());
            try {
                services.broker().addPeer(id);
                CachingConnectionFactory factory = caching(peerFactory(settings, peer));
                factories.add(factory);
                main.getCamelContext().addComponent(DeliveryRoutes.peerComponent(id),
                        JmsComponent.jmsComponent(factory));
                for (org.apache.camel.RoutesBuilder routes : services.peerRoutes().apply(id)) {
                    main.getCamelContext().addRoutes(routes);
                }
                linkProbe.add(id, peerFactory(settings, peer));
                services.resolver().addDirectPeer(id);
                services.health().addPeer(id);
                linked.add(id);
                LOG.info("{}: linked to the new member {} at {}:{}", settings.nodeId(), id, peer.host(), peer.port());
            } catch (Exception e) {
                throw new IllegalStateException(settings.nodeId() + " could not link to the new member " + id + ": "
                        + e.getMessage() + " (restart the hub: it links to every member of the directory at start)",
                        e);
            }
        }
    }

    /** Often enough that a resend leaves at most a quarter of the receipt wait late, at most every 30 s. */
    static java.time.Duration receiptCheckPeriod(java.time.Duration receiptWait) {
        java.time.Duration quarter = receiptWait.dividedBy(4);
        return quarter.compareTo(java.time.Duration.ofSeconds(30)) > 0 ? java.time.Duration.ofSeconds(30) : quarter;
    }

    /**
     * Caches sessions and producers, never consumers: a consumer parked in the cache keeps the messages the broker
     * already pushed to it, and they would wait there unseen while the route's own consumer idles.
     */
    static CachingConnectionFactory caching(jakarta.jms.ConnectionFactory target) {
        CachingConnectionFactory factory = new CachingConnectionFactory(target);
        factory.setSessionCacheSize(32);
        factory.setCacheConsumers(false);
        factory.setReconnectOnException(true);
        return factory;
    }

    /** Submits a document as a focal point would; returns the new messageId. */
    public String submit(Submission submission) {
        return template.requestBody(org.regionalexchange.node.outbox.OutboxRoutes.SUBMIT, submission, String.class);
    }

    public NodeServices services() {
        return services;
    }

    public NodeSettings settings() {
        return services.settings();
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public EmbeddedBroker broker() {
        return services.broker();
    }

    /**
     * The first half of {@link #close}: stops everything that reaches out (the heartbeats, the receipts, the
     * periodic tasks and the routes, with their hand-overs), anchors the audit chain, closes its JMS connections,
     * and leaves the broker and the database up, so that peers still handing over to this node find it there. A
     * region in one JVM (the demo's LocalRegion) quiesces every node before it closes any, so that no node sees
     * another go away mid-shutdown.
     * Idempotent.
     */
    public void quiesce() {
        if (quiesced.getAndSet(true)) {
            return;
        }
        linkProbe.close();
        receiptBatcher.close();
        tasks.close();
        try {
            services.auditAnchoring().anchorNow();
        } catch (RuntimeException e) {
            LOG.warn("{}: the audit chain was not anchored at shutdown: {}", settings().nodeId(), e.getMessage());
        }
        try {
            template.stop();
            main.stop();
        } catch (Exception e) {
            LOG.warn("routes of {} did not stop cleanly: {}", settings().nodeId(), e.getMessage());
        }
        // Its connections to the peers' brokers and its own, closed before any broker stops under them.
        factories.forEach(CachingConnectionFactory::destroy);
    }

    @Override
    public void close() {
        quiesce();
        services.close();
    }
}
