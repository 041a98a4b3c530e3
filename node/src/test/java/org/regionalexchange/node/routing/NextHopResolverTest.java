package org.regionalexchange.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NextHopResolverTest {

    static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");

    NextHopResolver kazakhstan = new NextHopResolver("KZ", "CARICC", REGION, List.of("CARICC", "KG", "UZ"));
    NextHopResolver hub = new NextHopResolver("CARICC", "CARICC", REGION, List.of("KZ", "KG", "TJ", "TM", "UZ"));

    @Test
    void regionalGroupExpandsToEveryMemberButTheSender() {
        assertThat(kazakhstan.expand(List.of("REGIONAL"), "KZ")).containsExactly("CARICC", "KG", "TJ", "TM", "UZ");
    }

    @Test
    void expansionKeepsExplicitRecipientsOnce() {
        assertThat(kazakhstan.expand(List.of("KG", "REGIONAL", "KG"), "KZ"))
                .containsExactly("KG", "CARICC", "TJ", "TM", "UZ");
    }

    @Test
    void neighboursGoDirectAndTheRestThroughTheHub() {
        Map<String, List<String>> plan = kazakhstan.plan(List.of("CARICC", "KG", "TJ", "TM", "UZ"));
        assertThat(plan).containsExactly(
                Map.entry("CARICC", List.of("CARICC", "TJ", "TM")),
                Map.entry("KG", List.of("KG")),
                Map.entry("UZ", List.of("UZ")));
    }

    @Test
    void thisNodeIsNeverAHop() {
        assertThat(kazakhstan.plan(List.of("KZ", "KG"))).containsOnlyKeys("KG");
    }

    @Test
    void hubDeliversDirectlyToEveryMember() {
        assertThat(hub.plan(List.of("TJ", "UZ"))).containsOnlyKeys("TJ", "UZ");
    }

    @Test
    void hubWithoutALinkToAMemberNamesTheMissingSetting() {
        NextHopResolver partial = new NextHopResolver("CARICC", "CARICC", REGION, List.of("KZ"));
        assertThatThrownBy(() -> partial.plan(List.of("TM")))
                .isInstanceOf(UnreachableRecipientException.class)
                .hasMessageContaining("node.peer.tm.url");
    }
}
