package org.regionalexchange.node.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Figures over six small notices, computed by hand: KZ 2.5 kg + 300 g alpha-PVP (one notice corrected to 2.5 kg +
 * 500 g later), KG 750 mg "α-PVP" and 40 tablets of it, TJ 7,500 vials of diazepam and 2 L of a liquid, KZ's
 * aggregated 2024 total of 120 kg alpha-PVP.
 */
class SeizureFiguresTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final List<SeizureFigures.Notice> NOTICES = List.of(
            notice("a1", "KZ", "2024-03-01T10:00:00Z", """
                    {"seizureDate":"2024-03-01","countryOfSeizure":"KZ","items":[
                      %s,%s]}""".formatted(item("alpha-PVP", "syntheticCathinones", 2.5, "kg"),
                    item("alpha-PVP", "syntheticCathinones", 300, "g"))),
            notice("a2", "KZ", "2024-03-02T10:00:00Z", """
                    {"seizureDate":"2024-03-01","countryOfSeizure":"KZ","corrects":{"messageId":"a1"},"items":[
                      %s,%s]}""".formatted(item("alpha-PVP", "syntheticCathinones", 2.5, "kg"),
                    item("alpha-PVP", "syntheticCathinones", 500, "g"))),
            notice("b1", "KG", "2024-03-05T10:00:00Z", """
                    {"seizureDate":"2024-03-05","countryOfSeizure":"KG","items":[%s,%s]}""".formatted(
                    item("α-PVP", "syntheticCathinones", 750, "mg"),
                    item("alpha-PVP", "syntheticCathinones", 40, "tablets"))),
            notice("c1", "TJ", "2024-04-10T10:00:00Z", """
                    {"seizureDate":"2024-04-10","countryOfSeizure":"TJ","items":[%s,%s]}""".formatted(
                    item("diazepam", "benzodiazepines", 7500, "vials"),
                    item("diazepam", "benzodiazepines", 2, "L"))),
            notice("k1", "KZ", "2025-01-20T10:00:00Z", """
                    {"seizureDate":"2024-01-01","countryOfSeizure":"KZ","reportType":"aggregated",
                     "period":{"from":"2024-01-01","to":"2024-12-31"},"items":[%s]}""".formatted(
                    item("alpha-PVP", "syntheticCathinones", 120, "kg"))),
            // KG cannot correct KZ's notice: counted as a notice of its own, a1's correction stays a2.
            notice("x1", "KG", "2024-03-06T10:00:00Z", """
                    {"seizureDate":"2024-03-06","countryOfSeizure":"KG","corrects":{"messageId":"a2"},"items":[%s]}"""
                    .formatted(item("heroin", "classicDrug", 1, "kg"))));

    @Test
    void aCorrectedNoticeIsReplacedByItsLatestCorrectionOfTheSameSender() {
        assertThat(SeizureFigures.current(NOTICES)).extracting(SeizureFigures.Notice::messageId)
                .containsExactly("a2", "b1", "c1", "k1", "x1");
        SeizureFigures.Notice later = notice("a3", "KZ", "2024-03-03T10:00:00Z",
                "{\"seizureDate\":\"2024-03-01\",\"countryOfSeizure\":\"KZ\",\"corrects\":{\"messageId\":\"a1\"},"
                        + "\"items\":[]}");
        List<SeizureFigures.Notice> twice = new java.util.ArrayList<>(NOTICES);
        twice.add(later);
        assertThat(SeizureFigures.current(twice)).extracting(SeizureFigures.Notice::messageId)
                .containsExactly("b1", "c1", "k1", "x1", "a3");
    }

    @Test
    void bySubstanceMassesAddUpInGramsCountsStayApartAndAggregatesAreKeptOut() {
        List<SeizureFigures.Figure> figures = SeizureFigures.figures(NOTICES, SeizureFigures.Filter.ALL,
                SeizureFigures.GroupBy.SUBSTANCE);

        // alpha-PVP single: a2 3,000 g + b1 0.75 g = 3,000.75 g from 2 notices; 40 tablets from b1.
        SeizureFigures.Figure grams = find(figures, "single", "alphapvp", "g");
        assertThat(grams.total()).isCloseTo(3000.75, within(1e-9));
        assertThat(grams.notices()).isEqualTo(2);
        assertThat(grams.messageIds()).containsExactly("a2", "b1");
        assertThat(grams.label()).isEqualTo("alpha-PVP");
        assertThat(find(figures, "single", "alphapvp", "tablets").total()).isEqualTo(40);
        assertThat(find(figures, "aggregated", "alphapvp", "g").total()).isEqualTo(120_000);
        assertThat(find(figures, "single", "diazepam", "vials").total()).isEqualTo(7500);
        assertThat(find(figures, "single", "diazepam", "mL").total()).isEqualTo(2000);
        assertThat(figures).hasSize(6);
    }

    @Test
    void byCountryMonthAndGroupWithFilters() {
        List<SeizureFigures.Figure> byMonth = SeizureFigures.figures(NOTICES, new SeizureFigures.Filter(
                LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-31"), null, null),
                SeizureFigures.GroupBy.MONTH);
        // March 2024: a2 3,000 g, b1 0.75 g, x1 1,000 g; tablets apart. The aggregate (seizureDate January) is out.
        assertThat(find(byMonth, "single", "2024-03", "g").total()).isCloseTo(4000.75, within(1e-9));
        assertThat(byMonth).extracting(SeizureFigures.Figure::reportType).containsOnly("single");

        List<SeizureFigures.Figure> kyrgyzstan = SeizureFigures.figures(NOTICES, new SeizureFigures.Filter(null,
                null, "KG", "KG"), SeizureFigures.GroupBy.GROUP);
        assertThat(find(kyrgyzstan, "single", "syntheticCathinones", "g").total()).isCloseTo(0.75, within(1e-12));
        assertThat(find(kyrgyzstan, "single", "classicDrug", "g").total()).isEqualTo(1000);

        List<SeizureFigures.Figure> byCountry = SeizureFigures.figures(NOTICES, SeizureFigures.Filter.ALL,
                SeizureFigures.GroupBy.COUNTRY);
        assertThat(find(byCountry, "single", "TJ", "mL").messageIds()).containsExactly("c1");
        assertThat(find(byCountry, "aggregated", "KZ", "g").total()).isEqualTo(120_000);
    }

    private static SeizureFigures.Figure find(List<SeizureFigures.Figure> figures, String reportType, String key,
            String measure) {
        return figures.stream().filter(f -> f.reportType().equals(reportType) && f.key().equals(key)
                && f.measure().equals(measure)).findFirst().orElseThrow(() -> new AssertionError(
                "no figure " + reportType + "/" + key + "/" + measure + " in " + figures));
    }

    static String item(String name, String group, double value, String unit) {
        return "{\"substance\":{\"preferredName\":\"" + name + "\",\"ewaGroup\":\"" + group + "\"},"
                + "\"quantity\":{\"value\":" + value + ",\"unit\":\"" + unit + "\"}}";
    }

    static SeizureFigures.Notice notice(String id, String sender, String createdAt, String document) {
        try {
            JsonNode parsed = JSON.readTree(document);
            return new SeizureFigures.Notice(id, sender, Instant.parse(createdAt), parsed);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
