package org.regionalexchange.node.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How many of one peer's rejections are kept whole each hour, and when the rest start being counted. */
class QuarantineBudgetTest {

    static final Instant TEN = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void keepsTheHoursBudgetPerPeerAndReasonThenOnlyCounts() {
        QuarantineBudget budget = new QuarantineBudget(3);

        assertThat(budget.keep("KZ", "MALFORMED", TEN)).isTrue();
        assertThat(budget.keep("KZ", "MALFORMED", TEN.plusSeconds(1))).isTrue();
        assertThat(budget.keep("KZ", "MALFORMED", TEN.plusSeconds(2))).isTrue();
        assertThat(budget.justSpent("KZ", "MALFORMED")).isFalse();
        assertThat(budget.keep("KZ", "MALFORMED", TEN.plusSeconds(3))).isFalse();
        assertThat(budget.justSpent("KZ", "MALFORMED")).as("the first past the budget is logged").isTrue();
        assertThat(budget.keep("KZ", "MALFORMED", TEN.plusSeconds(4))).isFalse();
        assertThat(budget.justSpent("KZ", "MALFORMED")).as("the later ones are not").isFalse();

        assertThat(budget.keep("KZ", "BAD_SIGNATURE", TEN)).as("another reason has its own budget").isTrue();
        assertThat(budget.keep("CARICC", "MALFORMED", TEN)).as("another peer has its own budget").isTrue();
    }

    @Test
    void startsAfreshEachHour() {
        QuarantineBudget budget = new QuarantineBudget(1);
        budget.keep("KZ", "MALFORMED", TEN);
        assertThat(budget.keep("KZ", "MALFORMED", TEN.plusSeconds(3599))).isFalse();

        assertThat(budget.keep("KZ", "MALFORMED", TEN.plusSeconds(3600))).isTrue();
    }

    @Test
    void refusesABudgetThatKeepsNothing() {
        assertThatThrownBy(() -> new QuarantineBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
