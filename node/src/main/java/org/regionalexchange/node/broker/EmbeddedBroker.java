package org.regionalexchange.node.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.filter.Filter;
import org.apache.activemq.artemis.core.filter.impl.FilterImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.regionalexchange.node.logging.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own Artemis broker with a persistent journal in the data folder. Peers reach it only through a TLS 1.3
 * acceptor that requires a client certificate from the regional CA, and each peer may only deliver to its own inbox
 * queue, within per-peer limits (see {@link InboxLimits}); local subscribers come through a server-TLS acceptor
 * with passwords; the node itself in-VM. What peers and local systems send is refused over the node's message size
 * limit (see {@link MessageSizeLimit}).
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Deliveries of an inbox message before the broker parks it as dead; the inbox's own waits stay below it. */
    public static final int INBOX_DELIVERY_ATTEMPTS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger(1);
    private static final String SECURITY_DOMAIN = "securityDomain";
    /** What Artemis JMS clients give a message: "ID:" and a UUID. */
    private static final java.util.regex.Pattern JMS_MESSAGE_ID = java.util.regex.Pattern.compile(
            "ID:[0-9a-fA-F-]{36}");

    private final BrokerConfig config;
    private final ActiveMQSecurityManager5 securityManager;
    private final int inVmId = IN_VM_IDS.getAndIncrement();
    private final FullInboxGuard fullInboxGuard;
    private final Set<String> peerInboxes;
    private EmbeddedActiveMQ server;
    private MessageSizeLimit sizeLimit;
    private String acknowledgedPrefix;
    private java.util.function.BiConsumer<String, String> acknowledged;

    public EmbeddedBroker(BrokerConfig config, ActiveMQSecurityManager5 securityManager) {
        this.config = config;
        this.securityManager = securityManager;
        this.fullInboxGuard = new FullInboxGuard(config.nodeId(), this::isFullPeerInbox);
        this.peerInboxes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        config.peers().forEach(peer -> peerInboxes.add(BrokerAddresses.inbox(peer)));
    }

    /**
     * Takes a peer linked while the broker runs (a member that joined through the directory): its inbox with the
     * limits every peer's has, and its outbox, as the configuration gives the peers known at the start.
     */
    public void addPeer(String peer) {
        String inbox = BrokerAddresses.inbox(peer);
        if (!peerInboxes.add(inbox)) {
            return;
        }
        InboxLimits limits = config.inboxLimits();
        server.getActiveMQServer().getAddressSettingsRepository().addMatch(inbox, inboxSettings()
                .setMaxSizeMessages(limits.maxMessages()).setMaxSizeBytes(limits.maxBytes())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
        sizeLimit.limit(inbox);
        anycastQueue(inbox);
        anycastQueue(BrokerAddresses.outbox(peer));
        LOG.info("broker of {}: inbox and outbox of the new peer {} ready", config.nodeId(), peer);
    }

    public EmbeddedBroker start() {
        try {
            server = new EmbeddedActiveMQ();
            server.setConfiguration(configuration());
            server.setSecurityManager(securityManager);
            server.start();
            server.getActiveMQServer().getRemotingService().addIncomingInterceptor(fullInboxGuard);
        } catch (Exception e) {
            throw new IllegalStateException("broker of " + config.nodeId() + " did not start: " + e.getMessage()
                    + " (is port " + config.peerPort() + " free?)", e);
        }
        LOG.info("broker of {} listening for peers on {}:{} (TLS 1.3, client certificates required)",
                config.nodeId(), config.host(), config.peerPort());
        return this;
    }

    /**
     * Keeps (or, when not wanted, removes) a durable subscription queue of the node's own on a multicast address, so
     * that what is published there waits for its consumer from the moment the broker runs, across restarts.
     */
    public void subscription(String address, String queue, String filter, boolean wanted) {
        org.apache.activemq.artemis.core.server.ActiveMQServer active = server.getActiveMQServer();
        String name = address + "::" + queue;
        try {
            Queue existing = active.locateQueue(queue);
            if (wanted && existing == null) {
                active.createQueue(org.apache.activemq.artemis.api.core.QueueConfiguration.of(queue)
                        .setAddress(address).setRoutingType(RoutingType.MULTICAST).setFilterString(filter)
                        .setDurable(true).setAutoCreated(false), true);
            } else if (!wanted && existing != null) {
                active.destroyQueue(org.apache.activemq.artemis.api.core.SimpleString.of(queue), null, true);
            }
        } catch (Exception e) {
            throw new IllegalStateException("broker of " + config.nodeId() + " could not " + (wanted ? "create"
                    : "remove") + " the queue " + name + ": " + e.getMessage(), e);
        }
    }

    /** Creates a durable anycast queue of its own name unless it exists, e.g. a customs unit's. */
    public void anycastQueue(String queue) {
        try {
            if (server.getActiveMQServer().locateQueue(queue) == null) {
                server.getActiveMQServer().createQueue(org.apache.activemq.artemis.api.core.QueueConfiguration
                        .of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                        .setAutoCreated(false).setAutoCreateAddress(true), true);
            }
        } catch (Exception e) {
            throw new IllegalStateException("broker of " + config.nodeId() + " could not create the queue " + queue
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closes every open connection whose client certificate the predicate picks: a peer revoked while connected loses
     * its connections at once, as a new one is refused at authentication.
     *
     * @return how many were closed
     */
    public int closeConnections(java.util.function.Predicate<java.security.cert.X509Certificate> revoked) {
        if (server == null) {
            return 0;
        }
        int closed = 0;
        for (org.apache.activemq.artemis.spi.core.protocol.RemotingConnection connection
                : server.getActiveMQServer().getRemotingService().getConnections()) {
            java.security.cert.X509Certificate[] chain = org.apache.activemq.artemis.utils.CertificateUtil
                    .getCertsFromConnection(connection);
            if (chain != null && chain.length > 0 && revoked.test(chain[0])) {
                LOG.warn("broker of {}: closing the connection of {} from {}: its certificate is revoked",
                        config.nodeId(), chain[0].getSubjectX500Principal(), connection.getRemoteAddress());
                connection.fail(new org.apache.activemq.artemis.api.core.ActiveMQSecurityException(
                        "the certificate of this connection is revoked"));
                closed++;
            }
        }
        return closed;
    }

    /** Removes a queue with whatever waits in it, and its address; nothing when there is no such queue. */
    public void removeQueue(String queue) {
        try {
            if (server.getActiveMQServer().locateQueue(queue) != null) {
                server.getActiveMQServer().destroyQueue(org.apache.activemq.artemis.api.core.SimpleString.of(queue),
                        null, false, true);
                server.getActiveMQServer().removeAddressInfo(org.apache.activemq.artemis.api.core.SimpleString
                        .of(queue), null, true);
            }
        } catch (Exception e) {
            throw new IllegalStateException("broker of " + config.nodeId() + " could not remove the queue " + queue
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Calls back, with the queue and the message's messageId, when a consumer acknowledges a message on a queue
     * whose name starts with the prefix: how the node learns that a customs unit took a warning. Set before start.
     */
    public EmbeddedBroker onAcknowledged(String queuePrefix, java.util.function.BiConsumer<String, String> listener) {
        this.acknowledgedPrefix = queuePrefix;
        this.acknowledged = listener;
        return this;
    }

    /** The URL the node's own clients use; valid only inside this JVM. */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    /** Messages waiting in a queue, or -1 when the queue does not exist. */
    public long depth(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(queue);
        return found == null ? -1 : found.getMessageCount();
    }

    /** Unconfirmed sends dropped at a full peer inbox (see {@link FullInboxGuard}). */
    public long unconfirmedSendsDropped() {
        return fullInboxGuard.droppedInAll();
    }

    /** Whether the address is one of the peers' inboxes and holds as much as its limits allow. */
    private boolean isFullPeerInbox(String address) {
        if (!peerInboxes.contains(address) || server == null) {
            return false;
        }
        try {
            org.apache.activemq.artemis.core.paging.PagingStore store = server.getActiveMQServer().getPagingManager()
                    .getPageStore(org.apache.activemq.artemis.api.core.SimpleString.of(address));
            InboxLimits limits = config.inboxLimits();
            return store != null && (store.getAddressElements() >= limits.maxMessages()
                    || store.getAddressSize() >= limits.maxBytes());
        } catch (Exception e) {
            return false;
        }
    }

    /** When the oldest message waiting in a queue was sent, whether it waits for delivery or for a redelivery. */
    public java.util.Optional<java.time.Instant> oldestTimestamp(String queue) {
        Queue found = server == null ? null : server.getActiveMQServer().locateQueue(queue);
        if (found == null) {
            return java.util.Optional.empty();
        }
        long oldest = Long.MAX_VALUE;
        for (org.apache.activemq.artemis.core.server.MessageReference first : new org.apache.activemq.artemis.core
                .server.MessageReference[] {found.peekFirstMessage(), found.peekFirstScheduledMessage()}) {
            if (first != null && first.getMessage().getTimestamp() > 0) {
                oldest = Math.min(oldest, first.getMessage().getTimestamp());
            }
        }
        return oldest == Long.MAX_VALUE ? java.util.Optional.empty()
                : java.util.Optional.of(java.time.Instant.ofEpochMilli(oldest));
    }

    /**
     * Moves the dead-lettered message with this JMS message id back to the address it failed on, keeping its
     * properties (the delivering peer the broker validated among them).
     *
     * @return whether a message was moved
     */
    public boolean retryDeadLetter(String jmsMessageId) {
        try {
            return deadLetters().retryMessages(withJmsMessageId(jmsMessageId)) > 0;
        } catch (Exception e) {
            throw new IllegalStateException("could not retry dead letter " + jmsMessageId + ": " + e.getMessage(), e);
        }
    }

    /** Removes the dead-lettered message with this JMS message id; whether there was one. */
    public boolean removeDeadLetter(String jmsMessageId) {
        try {
            return deadLetters().deleteMatchingReferences(withJmsMessageId(jmsMessageId)) > 0;
        } catch (Exception e) {
            throw new IllegalStateException("could not remove dead letter " + jmsMessageId + ": " + e.getMessage(), e);
        }
    }

    private Queue deadLetters() {
        return server.getActiveMQServer().locateQueue(BrokerAddresses.DEAD_LETTER);
    }

    /** A filter on the JMS message id, which is checked first: it goes into the filter's text. */
    private static Filter withJmsMessageId(String jmsMessageId) throws ActiveMQException {
        if (!JMS_MESSAGE_ID.matcher(jmsMessageId).matches()) {
            throw new IllegalArgumentException("not a JMS message id of this broker: " + jmsMessageId);
        }
        return FilterImpl.createFilter("AMQUserID = '" + jmsMessageId + "'");
    }

    public boolean isActive() {
        return server != null && server.getActiveMQServer().isActive();
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("broker of {} did not stop cleanly: {}", config.nodeId(), e.getMessage());
            }
            server = null;
        }
    }

    private Configuration configuration() {
        Configuration c = new ConfigurationImpl()
                .setName(config.nodeId())
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(config.dataDir().resolve("broker/journal").toString())
                .setBindingsDirectory(config.dataDir().resolve("broker/bindings").toString())
                .setPagingDirectory(config.dataDir().resolve("broker/paging").toString())
                .setLargeMessagesDirectory(config.dataDir().resolve("broker/large").toString())
                .setSecurityEnabled(true)
                // Every connection and session is authenticated afresh: a cached result would skip the per-peer
                // connection count and a revocation published since.
                .setAuthenticationCacheSize(0)
                .setPopulateValidatedUser(true)
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(5_000);
        c.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                Map.of(org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants.SERVER_ID_PROP_NAME,
                        inVmId, SECURITY_DOMAIN, AccessPolicy.INTERNAL.domain()), "internal"));
        c.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                tlsParams(config.peerPort(), true, AccessPolicy.PEER), "peers"));
        if (config.localPort() > 0) {
            c.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                    tlsParams(config.localPort(), false, AccessPolicy.LOCAL), "local"));
        }
        addQueues(c);
        Set<String> outsiders = new java.util.HashSet<>(Set.of(BrokerAddresses.INBOX, BrokerAddresses.LOCAL_SUBMIT));
        config.peers().forEach(peer -> outsiders.add(BrokerAddresses.inbox(peer)));
        sizeLimit = new MessageSizeLimit(config.nodeId(), config.maxMessageBytes(), outsiders);
        c.registerBrokerPlugin(sizeLimit);
        c.registerBrokerPlugin(new SubmitterStamp());
        if (acknowledged != null) {
            String prefix = acknowledgedPrefix;
            java.util.function.BiConsumer<String, String> listener = acknowledged;
            c.registerBrokerPlugin(new org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin() {
                @Override
                public void messageAcknowledged(org.apache.activemq.artemis.core.transaction.Transaction tx,
                        org.apache.activemq.artemis.core.server.MessageReference ref,
                        org.apache.activemq.artemis.core.server.impl.AckReason reason,
                        org.apache.activemq.artemis.core.server.ServerConsumer consumer) {
                    String queue = ref.getQueue().getName().toString();
                    if (reason == org.apache.activemq.artemis.core.server.impl.AckReason.NORMAL
                            && queue.startsWith(prefix)) {
                        Object messageId = ref.getMessage().getObjectProperty(MessageProperties.MESSAGE_ID);
                        if (messageId != null) {
                            try (MessageLog.Scope scope = MessageLog.about(messageId.toString())) {
                                listener.accept(queue, messageId.toString());
                            } catch (RuntimeException e) {
                                LOG.warn("{}: the acknowledgement of {} on {} was not noted: {}", config.nodeId(),
                                        messageId, queue, e.getMessage());
                            }
                        }
                    }
                }
            });
        }
        return c;
    }

    private Map<String, Object> tlsParams(int port, boolean clientCertificateRequired, AccessPolicy policy) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, config.host());
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, "TLSv1.3");
        params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
        params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, config.tlsKeystore().toString());
        params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, new String(config.password()));
        params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
        params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, config.truststore().toString());
        params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, new String(config.password()));
        params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, clientCertificateRequired);
        params.put(SECURITY_DOMAIN, policy.domain());
        // Peers speak the core protocol only; local systems and customs units may also use AMQP 1.0.
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, policy == AccessPolicy.PEER ? "CORE" : "CORE,AMQP");
        return params;
    }

    private void addQueues(Configuration c) {
        // Outboxes never give up: a peer may be down for hours; back-off keeps retries cheap.
        c.addAddressSetting("exchange.outbox.#", RedeliveryBackoff.OUTBOX.applyTo(new AddressSettings())
                .setMaxDeliveryAttempts(-1));
        // The inboxes retry transient faults (database busy); a message that still fails is parked, not dropped.
        c.addAddressSetting(BrokerAddresses.INBOX, inboxSettings());
        // Each peer's inbox also has limits of its own: past them the peer's send is refused (FAIL), and the
        // excess waits in the peer's outbox instead of here.
        InboxLimits limits = config.inboxLimits();
        config.peers().forEach(peer -> c.addAddressSetting(BrokerAddresses.inbox(peer), inboxSettings()
                .setMaxSizeMessages(limits.maxMessages()).setMaxSizeBytes(limits.maxBytes())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL)));
        // Every queue, whatever its own settings: what the broker gives up on is parked, never dropped, a message
        // past a time-to-live included (settings merge, so the more specific matches keep these two).
        c.addAddressSetting("#", new AddressSettings().setAutoCreateAddresses(false).setAutoCreateQueues(false)
                .setAutoDeleteQueues(false).setAutoDeleteAddresses(false)
                .setDeadLetterAddress(SimpleString.of(BrokerAddresses.DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(BrokerAddresses.EXPIRED)));
        // The two parking queues keep what they hold until an operator acts (the API's dead-letter desk): a failed
        // look at one of their messages never moves it on, and nothing in them expires again.
        for (String parking : List.of(BrokerAddresses.DEAD_LETTER, BrokerAddresses.EXPIRED)) {
            c.addAddressSetting(parking, new AddressSettings().setMaxDeliveryAttempts(-1));
        }
        // A subscriber that fails on a message gets it again, later and later, and never loses it to a delivery
        // limit: the first-sighting rule among them, whose alert may wait for the database to come back.
        // A unit's queue keeps what waits for it however long it is away, and never drops a message it failed on.
        c.addAddressSetting(BrokerAddresses.UNIT_PREFIX + "#", new AddressSettings().setAutoCreateAddresses(false)
                .setAutoCreateQueues(false).setAutoDeleteQueues(false).setAutoDeleteAddresses(false)
                .setRedeliveryDelay(1000).setRedeliveryMultiplier(2.0).setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(-1));
        c.addAddressSetting(BrokerAddresses.LOCAL_DISPATCH, new AddressSettings().setAutoCreateQueues(true)
                .setAutoDeleteQueues(true).setRedeliveryDelay(1000).setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000).setMaxDeliveryAttempts(-1));
        anycast(c, BrokerAddresses.INBOX);
        config.peers().forEach(peer -> anycast(c, BrokerAddresses.inbox(peer)));
        anycast(c, BrokerAddresses.DEAD_LETTER);
        anycast(c, BrokerAddresses.EXPIRED);
        anycast(c, BrokerAddresses.LOCAL_SUBMIT);
        config.peers().forEach(peer -> anycast(c, BrokerAddresses.outbox(peer)));
        c.addAddressConfiguration(new org.apache.activemq.artemis.core.config.CoreAddressConfiguration()
                .setName(BrokerAddresses.LOCAL_DISPATCH).addRoutingType(RoutingType.MULTICAST));
    }

    private static AddressSettings inboxSettings() {
        return new AddressSettings().setRedeliveryDelay(500).setRedeliveryMultiplier(2.0).setMaxRedeliveryDelay(10_000)
                .setMaxDeliveryAttempts(INBOX_DELIVERY_ATTEMPTS)
                .setDeadLetterAddress(SimpleString.of(BrokerAddresses.DEAD_LETTER))
                .setAutoCreateAddresses(false).setAutoCreateQueues(false).setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    private static void anycast(Configuration c, String name) {
        c.addQueueConfiguration(QueueConfiguration.of(name).setAddress(name)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }
}
