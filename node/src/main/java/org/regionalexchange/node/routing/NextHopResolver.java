package org.regionalexchange.node.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plans delivery for a list of recipients: each final recipient is reached through a direct link when this node has
 * one, otherwise through the hub. The hub itself must have a link to every member it relays for.
 *
 * <p>A direct link that is not usable now (its link is down) falls back to the hub, when this node has a hub link
 * and the hub is usable: the hub relays by the recipients each copy carries. With both down the direct link is kept,
 * so the copy waits for whichever comes back, in the outbox of its neighbour. The hub never falls back: it is the
 * fallback.
 */
public final class NextHopResolver {

    public static final String REGIONAL = "REGIONAL";

    private final String self;
    private final String hub;
    private final java.util.function.Supplier<? extends Collection<String>> region;
    private final Set<String> directPeers;
    private final Predicate<String> usable;

    /** A plan from the links alone, as if every link were up (sealing off line, tests of the plan itself). */
    public NextHopResolver(String self, String hub, Collection<String> region, Collection<String> directPeers) {
        this(self, hub, region, directPeers, peer -> true);
    }

    /**
     * @param usable whether the link to a peer takes copies now; asked for a direct peer before it is chosen, and
     *     for the hub before a copy falls back to it. It is asked on every plan, so it must be cheap.
     */
    public NextHopResolver(String self, String hub, Collection<String> region, Collection<String> directPeers,
            Predicate<String> usable) {
        this(self, hub, members(region), directPeers, usable);
    }

    /**
     * @param region the members REGIONAL stands for as of now: the member directory in force changes them
     * @param usable as above
     */
    public NextHopResolver(String self, String hub, java.util.function.Supplier<? extends Collection<String>> region,
            Collection<String> directPeers, Predicate<String> usable) {
        this.self = self;
        this.hub = hub;
        this.region = region;
        this.directPeers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.directPeers.addAll(directPeers);
        this.usable = usable;
    }

    /** A peer linked while the node runs (on the hub, a member that joined through the directory). */
    public void addDirectPeer(String peer) {
        directPeers.add(peer);
    }

    /** The final recipients of a header's recipient list, with REGIONAL expanded to every member but the sender. */
    public List<String> expand(Collection<String> recipients, String sender) {
        Set<String> expanded = new LinkedHashSet<>();
        for (String recipient : recipients) {
            if (recipient.equals(REGIONAL)) {
                region.get().stream().filter(member -> !member.equals(sender)).forEach(expanded::add);
            } else {
                expanded.add(recipient);
            }
        }
        return new ArrayList<>(expanded);
    }

    /**
     * Groups the final recipients other than this node by next hop, in a stable order.
     *
     * @throws UnreachableRecipientException when a recipient has neither a direct link nor a hub to go through
     */
    public Map<String, List<String>> plan(Collection<String> finalRecipients) {
        Map<String, List<String>> hops = new LinkedHashMap<>();
        for (String recipient : finalRecipients) {
            if (!recipient.equals(self)) {
                hops.computeIfAbsent(nextHop(recipient), hop -> new ArrayList<>()).add(recipient);
            }
        }
        return hops;
    }

    /**
     * The hop a recipient's copy leaves through now: its direct link, unless that is down and the hub is not;
     * otherwise the hub.
     *
     * @throws UnreachableRecipientException when the recipient has neither a direct link nor a hub to go through
     */
    public String nextHop(String recipient) {
        if (directPeers.contains(recipient) && !fallsBack(recipient)) {
            return recipient;
        }
        if (hasHubLink()) {
            return hub;
        }
        throw new UnreachableRecipientException(self, recipient);
    }

    /**
     * Whether copies for this direct peer go through the hub now: its link is down, this node has a link to the hub
     * and that link is not down.
     */
    public boolean fallsBack(String directPeer) {
        return !directPeer.equals(hub) && directPeers.contains(directPeer) && hasHubLink()
                && !usable.test(directPeer) && usable.test(hub);
    }

    private boolean hasHubLink() {
        return !self.equals(hub) && directPeers.contains(hub);
    }

    /** Whether a recipient is this node or can be reached from it. */
    public boolean reaches(String recipient) {
        return recipient.equals(self) || directPeers.contains(recipient) || hasHubLink();
    }

    private static java.util.function.Supplier<List<String>> members(Collection<String> region) {
        List<String> fixed = List.copyOf(region);
        return () -> fixed;
    }
}
