package org.regionalexchange.node.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans delivery for a list of recipients: each final recipient is reached through a direct link when this node has
 * one, otherwise through the hub. The hub itself must have a link to every member it relays for.
 */
public final class NextHopResolver {

    public static final String REGIONAL = "REGIONAL";

    private final String self;
    private final String hub;
    private final List<String> region;
    private final Set<String> directPeers;

    public NextHopResolver(String self, String hub, Collection<String> region, Collection<String> directPeers) {
        this.self = self;
        this.hub = hub;
        this.region = List.copyOf(region);
        this.directPeers = Set.copyOf(directPeers);
    }

    /** The final recipients of a header's recipient list, with REGIONAL expanded to every member but the sender. */
    public List<String> expand(Collection<String> recipients, String sender) {
        Set<String> expanded = new LinkedHashSet<>();
        for (String recipient : recipients) {
            if (recipient.equals(REGIONAL)) {
                region.stream().filter(member -> !member.equals(sender)).forEach(expanded::add);
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

    public String nextHop(String recipient) {
        if (directPeers.contains(recipient)) {
            return recipient;
        }
        if (!self.equals(hub) && directPeers.contains(hub)) {
            return hub;
        }
        throw new UnreachableRecipientException(self, recipient);
    }

    /** Whether a recipient is this node or can be reached from it. */
    public boolean reaches(String recipient) {
        return recipient.equals(self) || directPeers.contains(recipient)
                || (!self.equals(hub) && directPeers.contains(hub));
    }
}
