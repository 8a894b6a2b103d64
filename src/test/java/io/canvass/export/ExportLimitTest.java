package io.canvass.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.canvass.access.Roles;
import io.canvass.access.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exports hold a database connection while they stream, so a staff member runs at most two at
 * once and the service at most four (application.properties): beyond that 429 with Retry-After,
 * also while the exports that hold the slots are stuck on readers that stopped reading.
 */
@QuarkusTest
class ExportLimitTest {

    private static final String SURVEY = "test-export-limit";
    private static final int RESPONSES = 300;

    @TestHTTPResource("/")
    URL base;

    @Inject
    ExportSlots slots;

    private static boolean stored;

    @BeforeEach
    void storeEnoughToFillTheBuffers() {
        if (stored) {
            return;
        }
        Map<String, Object> answers = new HashMap<>();
        for (int i = 1; i <= 10; i++) {
            answers.put("note" + i, ("Note " + i + " ").repeat(400).substring(0, 2000));
        }
        for (int i = 0; i < RESPONSES; i++) {
            given().contentType(ContentType.JSON).body(Map.of("answers", answers))
                    .when().post("/api/surveys/{id}/responses", SURVEY).then().statusCode(201);
        }
        stored = true;
    }

    private static Response export(String token) {
        return given().auth().oauth2(token).accept("text/csv").when().get("/api/surveys/{id}/responses", SURVEY);
    }

    @Test
    void aThirdExportByTheSamePersonWaitsWhileTwoAreStuckOnSlowReaders() throws Exception {
        String token = Tokens.researcher();
        List<Socket> stuck = new ArrayList<>();
        try {
            stuck.add(exportNobodyReads(token));
            stuck.add(exportNobodyReads(token));
            Response refused = export(token);
            assertEquals(429, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType().split(";")[0]);
            assertEquals("urn:canvass:problem:exports-busy", refused.path("type"));
            assertEquals("10", refused.getHeader("Retry-After"));
            // Someone else still exports: the limit is per person first.
            String colleague = Tokens.staff("rhea.researcher@example.com", Roles.RESEARCHER);
            assertEquals(200, export(colleague).statusCode());
        } finally {
            for (Socket socket : stuck) {
                socket.close();
            }
        }
        // The readers left: their exports end and free their slots.
        awaitNoExportRunning();
        Response again = export(token);
        assertEquals(200, again.statusCode());
        assertEquals(RESPONSES + 1, again.asString().strip().split("\r?\n").length);
    }

    @Test
    void theServiceRunsAtMostFourExportsInAll() throws Exception {
        List<ExportSlots.Slot> taken = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                taken.add(slots.take("someone-" + i + "@example.com"));
            }
            Response refused = export(Tokens.researcher());
            assertEquals(429, refused.statusCode(), refused.asString());
            assertTrue(refused.<String>path("detail").contains("4 exports"), refused.asString());
            assertEquals("10", refused.getHeader("Retry-After"));
            // The codebook is no export: it stays available.
            given().auth().oauth2(Tokens.researcher()).accept("application/json")
                    .when().get("/api/surveys/{id}/codebook", SURVEY).then().statusCode(200);
        } finally {
            taken.forEach(ExportSlots.Slot::close);
        }
        export(Tokens.researcher()).then().statusCode(200);
        assertEquals(0, slots.running());
    }

    @Test
    void aRefusedExportTakesNoSlot() {
        given().auth().oauth2(Tokens.researcher()).accept("text/csv").queryParam("status", "nonsense")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(400);
        given().auth().oauth2(Tokens.analyst()).accept("text/csv")
                .when().get("/api/surveys/{id}/responses", SURVEY).then().statusCode(403)
                .body("status", equalTo(403));
        assertEquals(0, slots.running());
    }

    /** Starts an export over a socket with a small receive buffer, reads its status line and then nothing more. */
    private Socket exportNobodyReads(String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/surveys/" + SURVEY + "/responses HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                + "Authorization: Bearer " + token + "\r\nAccept: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder statusLine = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            statusLine.append((char) c);
        }
        assertTrue(statusLine.toString().startsWith("HTTP/1.1 200"), statusLine.toString());
        return socket;
    }

    private void awaitNoExportRunning() throws InterruptedException {
        for (int i = 0; i < 100 && slots.running() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, slots.running(), "exports whose readers left end and free their slots");
    }
}
