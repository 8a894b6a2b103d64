package io.canvass.protection;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.response.AiiaAnswers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted path of client addresses: forwarding on and the test client's own address
 * (127.0.0.1) the trusted proxy, as the replicas trust the shipped nginx. Each address such a proxy
 * forwards has its own rate-limit budget; and behind the shipped {@code deploy/compose/nginx.conf}
 * itself (run by a local nginx when one is installed), what a client writes into X-Forwarded-For
 * does not move it to another budget, because nginx replaces the header with the address it saw.
 * (An untrusted client's forged header: {@link RateLimitTest}.) The profile is a replica as the
 * deployments configure it, so HSTS over forwarded HTTPS and the signed CSRF cookie are checked here too.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.AsDeployed.class)
class TrustedProxyTest {

    private static final String NGINX_CONF = "deploy/compose/nginx.conf";
    /** As canvass.rate-limit.submissions.burst below. */
    private static final int BURST = 3;

    /** As Compose and Kubernetes configure a replica: a trusted proxy in front, a CSRF signing key; low limits. */
    public static class AsDeployed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canvass.rate-limit.submissions.per-minute", "6",
                    "canvass.rate-limit.submissions.burst", Integer.toString(BURST),
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                    "quarkus.rest-csrf.token-signature-key", "test-signature-key-of-32-or-more-characters");
        }
    }

    @TestHTTPResource("/")
    URL service;

    @Test
    void eachClientTheTrustedProxyForwardsHasItsOwnBudgetAndOneClientIsLimited() {
        // nginx-shaped: the one address nginx saw, SET rather than appended.
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i <= BURST; i++) {
            first.add(submit("203.0.113.21").statusCode());
        }
        assertEquals(List.of(422, 422, 422, 429), first,
                "the forwarded client spends its own burst of " + BURST + " (these answers are invalid: 422), then 429");
        assertEquals(422, submit("203.0.113.22").statusCode(), "another forwarded client has a budget of its own");
        assertEquals(429, submit("203.0.113.21").statusCode(), "the first is still limited");
        // A proxy that appends keeps the client's address first: that entry is the client, whatever follows.
        assertEquals(429, submit("203.0.113.21, 10.1.2.3").statusCode(), "the first entry is the client");
    }

    @Test
    void strictTransportSecurityGoesOnlyWithResponsesTheTrustedProxyServedOverHttps() {
        Response overHttps = given().header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.31")
                .when().get("/api/surveys/{id}", AiiaAnswers.SURVEY);
        assertEquals(200, overHttps.statusCode());
        assertEquals("max-age=31536000; includeSubDomains", overHttps.header(StrictTransportSecurity.HEADER));
        Response page = given().header("X-Forwarded-Proto", "https").when().get("/s/{id}", AiiaAnswers.SURVEY);
        assertEquals("max-age=31536000; includeSubDomains", page.header(StrictTransportSecurity.HEADER),
                "respondent pages too");
        Response overHttp = given().when().get("/api/surveys/{id}", AiiaAnswers.SURVEY);
        assertNull(overHttp.header(StrictTransportSecurity.HEADER), "never over plain HTTP (RFC 6797 7.2)");
    }

    @Test
    void withTheSigningKeyTheRespondentFormsWorkAndACsrfPairPlantedByAnotherSiteIsRefused() {
        // Each its own forwarded address: these posts count against the submissions budget too.
        Response start = given().header("X-Forwarded-For", "203.0.113.41").when().get("/s/{id}", AiiaAnswers.SURVEY);
        assertEquals(200, start.statusCode());
        String cookie = start.getCookie("csrf-token");
        Matcher field = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(start.asString());
        assertTrue(field.find(), "the start page carries the CSRF field");
        Response started = given().redirects().follow(false).header("X-Forwarded-For", "203.0.113.41")
                .cookie("csrf-token", cookie).contentType(ContentType.URLENC).formParam("csrf-token", field.group(1))
                .when().post("/s/{id}/start", AiiaAnswers.SURVEY);
        assertEquals(303, started.statusCode(), "the signed cookie and its field start the survey: " + started.asString());
        assertTrue(started.header("Location").contains("/r/"), started.header("Location"));

        // A sibling site can set a cookie and post a form, but cannot sign: its own token in both is refused.
        byte[] random = new byte[16];
        new java.security.SecureRandom().nextBytes(random);
        String planted = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Response refused = given().redirects().follow(false).header("X-Forwarded-For", "203.0.113.42")
                .cookie("csrf-token", planted).contentType(ContentType.URLENC).formParam("csrf-token", planted)
                .when().post("/s/{id}/start", AiiaAnswers.SURVEY);
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500,
                "an unsigned cookie and field pair is refused: " + refused.statusCode() + " " + refused.header("Location"));
    }

    @Test
    void behindTheShippedNginxAForgedXForwardedForDoesNotBuyAFreshBudget(@TempDir Path work) throws Exception {
        String nginx = nginxExecutable();
        Assumptions.assumeTrue(nginx != null, "nginx is not installed (apt-get install nginx; .ci/run does): "
                + NGINX_CONF + " is checked as a file only (DeploymentFilesTest), not run");
        int port = freePort();
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, nginxConfig(Files.readString(Path.of(NGINX_CONF)), work, port, service.getPort()));
        Process process = new ProcessBuilder(nginx, "-p", work.toString(), "-c", conf.toString(), "-e",
                work.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        try {
            awaitPort(port, process, work);
            HttpClient http = HttpClient.newHttpClient();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i <= BURST; i++) {
                // A client forging a new address each time: nginx sets X-Forwarded-For to the address it saw.
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/surveys/" + AiiaAnswers.SURVEY + "/responses"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "198.51.100." + (i + 1))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"answers\": {}}")).build();
                statuses.add(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertEquals(List.of(422, 422, 422, 429), statuses, "one budget for the one client behind nginx, whatever "
                    + "it claims to be (sent straight to the service by its trusted proxy, each claim would be a budget "
                    + "of its own); nginx error log: " + read(work.resolve("error.log")));
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * The shipped configuration with only its addresses changed: the two replicas become this test's service,
     * and nginx listens on a free local port. Wrapped in the main context a conf.d file gets from the image.
     */
    static String nginxConfig(String shipped, Path work, int listen, int upstream) {
        Matcher upstreamBlock = Pattern.compile("(?s)upstream\\s+canvass\\s*\\{.*?\\}").matcher(shipped);
        assertTrue(upstreamBlock.find(), NGINX_CONF + " has no 'upstream canvass { … }' block to point at the test service");
        String adapted = shipped.substring(0, upstreamBlock.start())
                + "upstream canvass {\n    server 127.0.0.1:" + upstream + ";\n    keepalive 4;\n}"
                + shipped.substring(upstreamBlock.end());
        Matcher listenLine = Pattern.compile("(?m)^(\\s*)listen\\s+80\\s*;").matcher(adapted);
        assertTrue(listenLine.find(), NGINX_CONF + " has no 'listen 80;' to move to a free port");
        adapted = listenLine.replaceFirst("$1listen 127.0.0.1:" + listen + ";");
        String dir = work.toString().replace(File.separatorChar, '/');
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(dir, adapted);
    }

    private static Response submit(String forwardedFor) {
        return given().contentType(ContentType.JSON).body(Map.of("answers", Map.of()))
                .header("X-Forwarded-For", forwardedFor)
                .when().post("/api/surveys/{id}/responses", AiiaAnswers.SURVEY);
    }

    private static String nginxExecutable() {
        List<String> directories = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        directories.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"));
        for (String directory : directories) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "nginx");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process process, Path work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx stopped: " + read(work.resolve("nginx.out")) + read(work.resolve("error.log")));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen on " + port + " within 20 s");
    }
}
