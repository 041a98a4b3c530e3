package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.outbox.Submission;

/**
 * The operator console in a real browser (Debian's chromium, headless, through its chromedriver) against a running
 * region on loopback: each role signs in with its API user and does its main task, in English and Russian; what a
 * role may not do, its console does not show. Screenshots of the main pages go to target/console-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path folder;

    static LocalRegion region;
    static WebDriver browser;
    static String warningId;

    @BeforeAll
    static void startRegionAndBrowser() throws Exception {
        assertThat(CHROMIUM).as("the console tests drive Debian's chromium: apt-get install chromium chromium-driver"
                + " (.ci/run does)").isExecutable();
        assertThat(CHROMEDRIVER).as("apt-get install chromium-driver").isExecutable();
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "TM", "UZ"), List.of());
        for (String node : List.of("CARICC", "KZ", "TM", "UZ")) {
            // One release across the region, as in the demo: the 1-1-0 examples go to members not heard from yet.
            region.set(node, "node.schemas.members-assumed", "1-1-0");
            region.start(node);
        }
        region.awaitDirectory(1, List.of("KZ", "TM", "UZ"), WAIT);
        ApiClient.Response unit = region.client("UZ", Role.ADMIN).post("api/v1/units", "{\"name\": \""
                + LocalRegion.CUSTOMS_UNIT + "\", \"crossingPoints\": [\"" + LocalRegion.CUSTOMS_UNIT + "\"]}");
        assertThat(unit.status()).as(unit.body()).isEqualTo(201);
        warningId = region.node("TM").submit(new Submission("pre-arrival-warning", List.of("UZ"), "AMBER",
                Documents.example("valid/pre-arrival-warning/1-1-0/tm-to-uz-farap-alat-pilot.json"), List.of(),
                Instant.now().plus(Duration.ofDays(3)), "ru", "exercise"));
        Files.createDirectories(SCREENSHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + folder.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (region != null) {
            region.close();
        }
    }

    @Test
    @Order(0)
    void theConsoleIsServedFromTheNodeAloneUnderAStrictPolicyAndNothingElseIs() throws Exception {
        ApiClient anonymous = new ApiClient(region.baseUrl("KZ"), region.caCertificate(), null);
        var page = anonymous.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(region.baseUrl("KZ")
                + "/console/")).GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("vendor/jsoneditor.js").doesNotContain("http://", "https://");
        assertThat(anonymous.get("console/vendor/chart.umd.min.js").status()).isEqualTo(200);
        for (String outside : List.of("console/..%2F..%2Fpom.xml", "console/vendor/../../../logback.xml",
                "console/secret.txt", "console/../api/v1/me")) {
            assertThat(anonymous.get(outside).status()).as(outside).isIn(401, 404);
        }
        var headers = java.net.http.HttpClient.newBuilder().sslContext(sslTrusting(region.caCertificate())).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(region.baseUrl("KZ") + "/console/"))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding()).headers();
        assertThat(headers.firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'",
                "script-src 'self'", "frame-ancestors 'none'");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private static javax.net.ssl.SSLContext sslTrusting(Path caPem) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("root", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAndEachRoleSeesOnlyItsPages() {
        open("KZ", "");
        find("sign-in-user").sendKeys("focal-point");
        find("sign-in-password").sendKeys("not-the-password");
        find("sign-in-submit").click();
        awaitText("sign-in-error", "Wrong user name or password");

        signIn("KZ", Role.FOCAL_POINT);
        assertThat(navigation()).contains("nav-compose", "nav-sent", "nav-inbox", "nav-picture")
                .doesNotContain("nav-audit", "nav-quarantine", "nav-warnings");
        signIn("UZ", Role.CUSTOMS_UNIT);
        assertThat(navigation()).contains("nav-warnings").doesNotContain("nav-compose", "nav-audit", "nav-picture");
        go("UZ", "audit");
        awaitText("not-for-role", "not for your role");
        assertThat(browser.findElements(By.id("audit-report"))).isEmpty();
        go("UZ", "compose");
        awaitText("not-for-role", "customs-unit");
    }

    @Test
    @Order(2)
    void aFocalPointComposesASeizureNoticeInTheFormAndFollowsItsDelivery() throws Exception {
        composeAtKazakhstanTo("UZ");
        JsonNode example = Documents.example("valid/seizure-notice/1-1-0/kz-metonitazene-almaty-illustrative.json");
        paste(example);
        screenshot("compose");
        find("compose-send").click();

        try {
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("#/message/"));
        } catch (RuntimeException e) {
            screenshot("compose-not-sent");
            throw new AssertionError("not sent: " + find("compose-problems").getText(), e);
        }
        String messageId = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("#/message/") + 10);
        await().atMost(WAIT).untilAsserted(() -> {
            browser.navigate().refresh();
            awaitText("status-table", "UZ");
            assertThat(find("status-table").getText()).contains("delivered");
        });
        screenshot("message-status");
        go("KZ", "sent");
        awaitText("sent-table", messageId);
    }

    @Test
    @Order(3)
    void theFormExplainsInPlaceWhatIsWrongInEnglishAndRussian() throws Exception {
        composeAtKazakhstanTo("UZ");
        ObjectNode notice = Documents.example("valid/seizure-notice/1-1-0/kz-metonitazene-almaty-illustrative.json")
                .deepCopy();
        // A seizure dated next year passes the form's own checks; the node refuses it, naming the field.
        String future = LocalDate.now().plusYears(1).toString();
        notice.put("seizureDate", future);
        paste(notice);
        find("compose-send").click();
        awaitText("compose-refused", "The node refused the message");
        assertThat(find("compose-violations").getText()).contains("/document/seizureDate");
        awaitText("compose-form", "The node says");
        screenshot("compose-refused");

        find("language").click();
        awaitReadyForm("compose-form");
        notice.put("seizureDate", LocalDate.now().minusDays(1).toString()).put("seizureRef", "X");
        browser.findElement(By.cssSelector("#compose-recipients input[value='UZ']")).click();
        paste(notice);
        find("compose-send").click();
        awaitText("compose-invalid", "Некоторые поля заполнены неверно");
        awaitText("compose-form", "Не менее 3 символов");
        assertThat(find("compose-field-errors").getText()).contains("/seizureRef");
        screenshot("compose-russian");
        find("language").click();
    }

    @Test
    @Order(4)
    void anAnalystSeesThePictureAsAChartAndTables() throws Exception {
        await().atMost(WAIT).until(() -> region.node("UZ").services().api().inbox("seizure-notice", null, null,
                "10").contains("metonitazene"));
        signIn("UZ", Role.ANALYST);
        go("UZ", "picture");
        awaitText("picture-table", "Notices");
        new org.openqa.selenium.support.ui.Select(find("picture-group")).selectByValue("substance");
        awaitText("picture-table", "metonitazene");
        new WebDriverWait(browser, WAIT).until(driver -> ((JavascriptExecutor) driver).executeScript(
                "return window.Chart && Chart.getChart(document.getElementById('picture-chart'))"
                        + " && Chart.getChart(document.getElementById('picture-chart')).data.labels.length") != null);
        screenshot("picture");
        find("picture-country").sendKeys("TM\t");
        await().atMost(WAIT).untilAsserted(() -> assertThat(find("picture-table").getText()).doesNotContain("metonitazene"));
        find("picture-country").clear();
        find("picture-country").sendKeys("KZ\t");
        awaitText("picture-table", "metonitazene");

        go("UZ", "inbox");
        awaitText("inbox-table", "seizure-notice");
        find("inbox-sender").sendKeys("TJ\t");
        await().atMost(WAIT).untilAsserted(() -> assertThat(find("inbox-table").getText()).doesNotContain("seizure-notice"));
        find("inbox-sender").clear();
        find("inbox-sender").sendKeys("KZ\t");
        awaitText("inbox-table", "seizure-notice");
        go("UZ", "controlGaps");
        awaitText("control-gaps-table", "Substance");
        go("UZ", "firstSightings");
        awaitText("first-sightings-table", "Substance");
    }

    @Test
    @Order(5)
    void aCustomsUnitAcknowledgesItsWarningAndAnswersWithAnOutcomeReport() throws Exception {
        await().atMost(WAIT).until(() -> region.node("UZ").services().api().inbox("pre-arrival-warning", null, null,
                "10").contains(warningId));
        signIn("UZ", Role.CUSTOMS_UNIT);
        go("UZ", "warnings");
        awaitText("warnings-table", "UZ-ALAT");
        browser.findElement(By.cssSelector("button[data-message='" + warningId + "']")).click();
        awaitText("warnings-table", "Acknowledged");
        screenshot("warnings");
        ApiClient.Response deliveries = region.client("UZ", Role.ADMIN).get("api/v1/units/"
                + LocalRegion.CUSTOMS_UNIT + "/deliveries");
        assertThat(JSON.readTree(deliveries.body()).get(0).path("acknowledgedAt").isTextual()).isTrue();

        go("UZ", "answer/" + warningId);
        awaitReadyForm("answer-form");
        find("answer-send").click();
        awaitText("answer-sent", "Sent");
        await().atMost(WAIT).untilAsserted(() -> assertThat(region.node("TM").services().api().status(warningId))
                .contains("nothingFound"));
    }

    @Test
    @Order(6)
    void theAuditorAndTheAdminSeeTheLogTheLinksTheDirectoryAndTheQuarantine() throws Exception {
        signIn("KZ", Role.AUDITOR);
        go("KZ", "audit");
        awaitText("audit-verdict", "OK");
        go("KZ", "links");
        awaitText("links-table", "CARICC");
        assertThat(find("health-summary").getText()).contains("CURRENT");
        screenshot("links");
        go("KZ", "directory");
        awaitText("directory-table", "UZ");
        go("KZ", "deadLetter");
        awaitText("dead-letter-table", "Address");

        // Bytes that are no envelope, handed to KZ over CARICC's link: quarantined, explained, then deleted.
        String garbage = java.util.UUID.randomUUID().toString();
        new Injector(region, "CARICC").deliver("not an envelope".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                garbage, "KZ");
        QuarantineProbe.awaitEntry(region, "KZ", garbage, "MALFORMED", "CARICC", WAIT);
        signIn("KZ", Role.ADMIN);
        assertThat(navigation()).contains("nav-quarantine", "nav-links", "nav-users", "nav-units")
                .doesNotContain("nav-compose", "nav-audit");
        go("KZ", "quarantine");
        awaitText("quarantine-table", garbage);
        assertThat(find("quarantine-table").getText()).contains("MALFORMED not a well-formed envelope");
        new org.openqa.selenium.support.ui.Select(find("quarantine-reason")).selectByValue("REPLAY");
        await().atMost(WAIT).untilAsserted(() -> assertThat(find("quarantine-table").getText()).doesNotContain(garbage));
        new org.openqa.selenium.support.ui.Select(find("quarantine-reason")).selectByValue("MALFORMED");
        awaitText("quarantine-table", garbage);
        find("language").click();
        awaitText("quarantine-table", "повреждённый конверт");
        screenshot("quarantine-russian");
        find("language").click();
        awaitText("quarantine-table", garbage);
        browser.findElements(By.cssSelector("#quarantine-table tr")).stream()
                .filter(row -> row.getText().contains(garbage)).findFirst().orElseThrow()
                .findElements(By.tagName("button")).get(1).click();
        awaitText("quarantine-done", "Done");
        await().atMost(WAIT).untilAsserted(() -> assertThat(find("quarantine-table").getText()).doesNotContain(garbage));
        assertThat(JSON.readTree(region.node("KZ").services().api().quarantine("500")).findValuesAsText("messageId"))
                .doesNotContain(garbage);
    }

    @Test
    @Order(7)
    void theAdminAddsAUserWhoSignsInWithTheShownPasswordAndRemovesIt() throws Exception {
        signIn("KZ", Role.ADMIN);
        go("KZ", "users");
        awaitText("users-table", region.credentials(Role.ADMIN).user());
        find("user-name").sendKeys("kz-analyst-2");
        browser.findElement(By.cssSelector("#user-roles input[value='analyst']")).click();
        find("user-add").click();
        awaitText("user-created", "kz-analyst-2");
        String password = find("user-password").getText();
        assertThat(password).hasSizeGreaterThan(11);
        awaitText("users-table", "kz-analyst-2");
        screenshot("users");

        // A customs-unit user without crossing points is refused, with the node's reason.
        find("user-name").sendKeys("kz-unit-without-points");
        browser.findElement(By.cssSelector("#user-roles input[value='customs-unit']")).click();
        find("user-add").click();
        awaitText("user-refused", "crossing points");

        signIn("KZ", "kz-analyst-2", password);
        assertThat(navigation()).contains("nav-picture").doesNotContain("nav-users", "nav-compose");

        signIn("KZ", Role.ADMIN);
        go("KZ", "users");
        awaitText("users-table", "kz-analyst-2");
        browser.findElements(By.cssSelector("#users-table tr")).stream()
                .filter(row -> row.getText().startsWith("kz-analyst-2")).findFirst().orElseThrow()
                .findElement(By.tagName("button")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        await().atMost(WAIT).untilAsserted(() -> assertThat(find("users-table").getText()).doesNotContain("kz-analyst-2"));
        assertThat(region.client("KZ", Role.ADMIN).get("api/v1/users").body()).doesNotContain("kz-analyst-2");
        assertThat(new ApiClient(region.baseUrl("KZ"), region.caCertificate(),
                new ApiClient.Credentials("kz-analyst-2", password.toCharArray()))
                .get("api/v1/me").status()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void theAdminRegistersACustomsUnitAndTheAuditorFollowsWhatWasPutOnItsQueue() throws Exception {
        signIn("UZ", Role.ADMIN);
        go("UZ", "units");
        awaitText("units-table", LocalRegion.CUSTOMS_UNIT);
        find("unit-name").sendKeys("UZ-YALLAMA");
        find("unit-points").sendKeys("UZ-YALLAMA, UZYAL");
        find("unit-register").click();
        awaitText("unit-created", "local.unit.UZ-YALLAMA");
        assertThat(find("unit-password").getText()).isNotBlank();
        awaitText("units-table", "UZ-YALLAMA, UZYAL");
        screenshot("units");
        JsonNode listed = JSON.readTree(region.client("UZ", Role.ADMIN).get("api/v1/units").body());
        assertThat(listed.findValuesAsText("name")).contains("UZ-YALLAMA", LocalRegion.CUSTOMS_UNIT);

        signIn("UZ", Role.AUDITOR);
        go("UZ", "units");
        awaitText("units-table", "UZ-YALLAMA");
        assertThat(browser.findElements(By.id("unit-form"))).isEmpty();
        browser.findElement(By.linkText(LocalRegion.CUSTOMS_UNIT)).click();
        awaitText("unit-deliveries-table", warningId);
    }

    private static void signIn(String node, Role role) {
        signIn(node, region.credentials(role).user(), new String(region.credentials(role).password()));
    }

    private static void signIn(String node, String name, String password) {
        open(node, "");
        browser.manage().deleteAllCookies();
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
        WebElement user = new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(
                By.id("sign-in-user")));
        user.sendKeys(name);
        find("sign-in-password").sendKeys(password);
        find("sign-in-submit").click();
        awaitText("welcome", name);
    }

    /** KZ's focal point on the compose page, its form built, with one recipient ticked. */
    private static void composeAtKazakhstanTo(String recipient) {
        signIn("KZ", Role.FOCAL_POINT);
        go("KZ", "compose");
        awaitReadyForm("compose-form");
        browser.findElement(By.cssSelector("#compose-recipients input[value='" + recipient + "']")).click();
    }

    private static void open(String node, String page) {
        browser.get(region.baseUrl(node) + "/console/" + (page.isEmpty() ? "" : "#/" + page));
    }

    private static void go(String node, String page) {
        browser.get(region.baseUrl(node) + "/console/#/" + page);
        browser.navigate().refresh();
    }

    private static void paste(JsonNode document) throws Exception {
        WebElement area = find("compose-json");
        area.clear();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", area,
                JSON.writeValueAsString(document));
        find("compose-load").click();
    }

    private static void awaitReadyForm(String id) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeToBe(By.id(id), "data-ready", "true"));
    }

    private static void awaitText(String id, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private static WebElement find(String id) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private static List<String> navigation() {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("nav-home")));
        return browser.findElements(By.cssSelector("#nav a")).stream().map(link -> link.getAttribute("id")).toList();
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
