package org.regionalexchange.node.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The control matrix of five small lists, by hand: KZ's baseline (heroin, alpha-PVP, mephedrone), then KZ's amendment
 * adding metonitazene and moving mephedrone; KG's baseline (heroin, α-PVP); KG's later baseline without it; UZ's
 * amendment adding metonitazene, then renaming "4-MMC" to mephedrone and removing heroin.
 */
class ControlListsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> MEMBERS = List.of("KZ", "KG", "TJ", "TM", "UZ");

    static final List<ControlLists.ListMessage> LISTS = List.of(
            list("kz-1", "KZ", "2024-01-01T00:00:00Z", "baseline", "2024-01-01",
                    entry("heroin", "I", "listed", "\"controlledSince\":\"1998-07-10\""),
                    entry("alpha-PVP", "I", "listed", null),
                    entry("mephedrone", "II", "listed", "\"controlledSince\":\"2012-05-01\"")),
            list("kz-2", "KZ", "2024-02-01T00:00:00Z", "amendment", "2024-02-06",
                    entry("metonitazene", "I", "added", null),
                    entry("mephedrone", "I", "movedTable", "\"previousTable\":\"II\"")),
            list("kg-1", "KG", "2023-01-01T00:00:00Z", "baseline", "2023-01-01",
                    entry("heroin", "I", "listed", null),
                    entry("α-PVP", "I", "listed", "\"controlledSince\":\"2016-01-01\"")),
            list("kg-2", "KG", "2024-06-01T00:00:00Z", "baseline", "2024-06-01",
                    entry("heroin", "I", "listed", null)),
            list("uz-1", "UZ", "2024-03-01T00:00:00Z", "amendment", "2024-03-01",
                    entry("metonitazene", "I", "added", null),
                    entry("4-MMC", "II", "added", "\"controlledSince\":\"2015-01-01\""),
                    entry("heroin", "I", "added", null)),
            list("uz-2", "UZ", "2024-04-01T00:00:00Z", "amendment", "2024-04-01",
                    entry("mephedrone", "II", "renamed", "\"previousName\":\"4-MMC\""),
                    entry("heroin", "I", "removed", null)));

    @Test
    void baselinesReplaceAmendmentsChangeAndRenamesCarryOver() {
        SubstanceNames names = new SubstanceNames();
        Map<String, ControlLists.Controlled> controls = ControlLists.controls(LISTS, names);

        assertThat(controls.get("heroin").controlledBy()).containsOnlyKeys("KZ", "KG");
        assertThat(controls.get("alphapvp").controlledBy()).containsOnlyKeys("KZ");
        assertThat(controls.get("alphapvp").controlledBy().get("KZ").since()).isNull();
        ControlLists.Control moved = controls.get("mephedrone").controlledBy().get("KZ");
        assertThat(moved.table()).isEqualTo("I");
        assertThat(moved.since()).isEqualTo(LocalDate.parse("2012-05-01"));
        assertThat(moved.messageId()).isEqualTo("kz-2");
        ControlLists.Control renamed = controls.get("mephedrone").controlledBy().get("UZ");
        assertThat(renamed.since()).isEqualTo(LocalDate.parse("2015-01-01"));
        assertThat(controls).doesNotContainKey("4mmc");
        assertThat(controls.get("metonitazene").controlledBy().get("KZ").since())
                .isEqualTo(LocalDate.parse("2024-02-06"));
    }

    @Test
    void theGapReportNamesWhoDoesNotControlNeighboursOfTheLastListerFirst() {
        SubstanceNames names = new SubstanceNames();
        Map<String, ControlLists.Controlled> controls = ControlLists.controls(LISTS, names);

        List<ControlGaps.Gap> gaps = ControlGaps.report(controls, names, MEMBERS,
                List.of("metonitazene", "α-PVP", "clonazolam"), null);

        // metonitazene: KZ since 2024-02-06, UZ since 2024-03-01, so UZ listed it last: its neighbours KG, TJ, TM.
        assertThat(gaps.get(0).listedLast()).isEqualTo("UZ");
        assertThat(gaps.get(0).notControlledBy()).containsExactly("KG", "TJ", "TM");
        // alpha-PVP found under another spelling; KG's second baseline dropped it.
        assertThat(gaps.get(1).controlledBy()).containsOnlyKeys("KZ");
        assertThat(gaps.get(1).notControlledBy()).containsExactly("KG", "TM", "UZ", "TJ");
        // Nobody lists clonazolam.
        assertThat(gaps.get(2).controlledBy()).isEmpty();
        assertThat(gaps.get(2).notControlledBy()).containsExactlyElementsOf(MEMBERS.stream().sorted().toList());
    }

    @Test
    void aMembersOwnViewShowsWhatItsNeighboursControlAndItDoesNot() {
        SubstanceNames names = new SubstanceNames();
        Map<String, ControlLists.Controlled> controls = ControlLists.controls(LISTS, names);

        // KG's neighbours KZ, UZ, TJ: alpha-PVP (KZ), mephedrone (KZ, UZ), metonitazene (KZ, UZ); heroin KG has.
        assertThat(ControlGaps.report(controls, names, MEMBERS, List.of(), "KG"))
                .extracting(ControlGaps.Gap::key).containsExactly("alphapvp", "mephedrone", "metonitazene");
        assertThat(ControlGaps.report(controls, names, MEMBERS, List.of(), "TM"))
                .extracting(ControlGaps.Gap::key).containsExactly("alphapvp", "heroin", "mephedrone", "metonitazene");
    }

    static String entry(String name, String table, String changeType, String extra) {
        return "{\"substance\":{\"preferredName\":\"" + name + "\"},\"category\":\"narcoticDrug\",\"table\":\""
                + table + "\",\"changeType\":\"" + changeType + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    static ControlLists.ListMessage list(String id, String jurisdiction, String createdAt, String scope,
            String effective, String... entries) {
        String document = "{\"listScope\":\"" + scope + "\",\"act\":{\"jurisdiction\":\"" + jurisdiction
                + "\"},\"effectiveDate\":\"" + effective + "\",\"entries\":[" + String.join(",", entries) + "]}";
        try {
            return new ControlLists.ListMessage(id, jurisdiction, Instant.parse(createdAt), JSON.readTree(document));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
