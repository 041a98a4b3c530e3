package org.regionalexchange.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Links the test takes down and brings back: everything not in it is usable. */
    final Set<String> down = new HashSet<>();
    NextHopResolver kazakhstanWithLinks = new NextHopResolver("KZ", "CARICC", REGION, List.of("CARICC", "KG", "UZ"),
            peer -> !down.contains(peer));

    @Test
    void aNeighbourWhoseLinkIsDownIsReachedThroughTheHubAndDirectlyAgainOnceItIsBack() {
        down.add("KG");
        assertThat(kazakhstanWithLinks.plan(List.of("KG", "UZ", "TJ"))).containsExactly(
                Map.entry("CARICC", List.of("KG", "TJ")),
                Map.entry("UZ", List.of("UZ")));
        assertThat(kazakhstanWithLinks.nextHop("KG")).isEqualTo("CARICC");
        assertThat(kazakhstanWithLinks.fallsBack("KG")).isTrue();
        assertThat(kazakhstanWithLinks.fallsBack("UZ")).isFalse();

        down.remove("KG");
        assertThat(kazakhstanWithLinks.plan(List.of("KG", "UZ", "TJ"))).containsExactly(
                Map.entry("KG", List.of("KG")),
                Map.entry("UZ", List.of("UZ")),
                Map.entry("CARICC", List.of("TJ")));
        assertThat(kazakhstanWithLinks.fallsBack("KG")).isFalse();
    }

    @Test
    void withTheHubDownAsWellANeighbourKeepsItsDirectLink() {
        down.addAll(List.of("KG", "CARICC"));
        assertThat(kazakhstanWithLinks.nextHop("KG")).isEqualTo("KG");
        assertThat(kazakhstanWithLinks.fallsBack("KG")).isFalse();
    }

    @Test
    void withTheHubDownNeighboursStillGoDirect() {
        down.add("CARICC");
        assertThat(kazakhstanWithLinks.plan(List.of("CARICC", "KG", "TJ"))).containsExactly(
                Map.entry("CARICC", List.of("CARICC", "TJ")),
                Map.entry("KG", List.of("KG")));
        assertThat(kazakhstanWithLinks.fallsBack("CARICC")).as("the hub link is never diverted").isFalse();
    }

    @Test
    void withoutAHubLinkADownNeighbourKeepsItsDirectLink() {
        NextHopResolver noHub = new NextHopResolver("KZ", "CARICC", List.of("KZ", "KG"), List.of("KG"),
                peer -> false);
        assertThat(noHub.nextHop("KG")).isEqualTo("KG");
        assertThat(noHub.fallsBack("KG")).isFalse();
    }

    @Test
    void theHubNeverFallsBack() {
        NextHopResolver hubWithLinksDown = new NextHopResolver("CARICC", "CARICC", REGION,
                List.of("KZ", "KG", "TJ", "TM", "UZ"), peer -> false);
        assertThat(hubWithLinksDown.plan(List.of("KG"))).containsExactly(Map.entry("KG", List.of("KG")));
        assertThat(hubWithLinksDown.fallsBack("KG")).isFalse();
    }

    @Test
    void aRecipientWithoutADirectLinkIsNotAskedAbout() {
        Set<String> asked = new HashSet<>();
        NextHopResolver recording = new NextHopResolver("KZ", "CARICC", REGION, List.of("CARICC", "KG"),
                peer -> {
                    asked.add(peer);
                    return true;
                });
        assertThat(recording.nextHop("TJ")).isEqualTo("CARICC");
        assertThat(asked).doesNotContain("TJ");
    }
}
