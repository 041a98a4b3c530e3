package org.regionalexchange.node.broker;

import java.time.Duration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * How long the broker waits before it delivers a rolled-back message again: {@code first}, multiplied after each
 * further failed delivery, never above {@code max}. One definition for the broker's address settings and for what
 * the node tells the operator about the next attempt.
 */
public record RedeliveryBackoff(Duration first, double multiplier, Duration max) {

    /** The outboxes': a peer may be down for hours, and retries stay cheap (1 s doubling to 30 s, never giving up). */
    public static final RedeliveryBackoff OUTBOX = new RedeliveryBackoff(Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(30));

    /**
     * The wait after a message's {@code deliveries}-th failed delivery, as Artemis computes it: {@code first} after
     * the first, times the multiplier for each one more, capped at {@code max}.
     */
    public Duration after(int deliveries) {
        double millis = first.toMillis() * Math.pow(multiplier, Math.max(0, deliveries - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }

    /** These waits on a queue's settings. */
    AddressSettings applyTo(AddressSettings settings) {
        return settings.setRedeliveryDelay(first.toMillis()).setRedeliveryMultiplier(multiplier)
                .setMaxRedeliveryDelay(max.toMillis());
    }
}
