package io.canvass.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every /api endpoint, called with no token, each role and each kind of bad token. Public
 * endpoints (what respondents use) ignore tokens; every other one answers 401 to a missing or
 * bad token, 403 to a valid token without the role, and serves the roles it is for. The survey
 * here has no owner and no grants, so every researcher and analyst has access to it: analysts read
 * aggregates, researchers also rows, and only an admin manages its grants.
 */
@QuarkusTest
class AccessControlTest {

    enum Audience {
        PUBLIC(Set.of()), RESEARCHER(Set.of("researcher")), STAFF(Set.of("researcher", "analyst")),
        LISTS(Set.of("researcher", "analyst", "admin")), AUDIT(Set.of("researcher", "admin")), ADMIN(Set.of("admin"));

        final Set<String> served;

        Audience(Set<String> served) {
            this.served = served;
        }
    }

    record Endpoint(String method, String path, String contentType, String body, Audience audience, String accept) {
        Endpoint(String method, String path, String contentType, String body, Audience audience) {
            this(method, path, contentType, body, audience, null);
        }

        @Override
        public String toString() {
            return method + " " + path + (accept == null ? "" : " (" + accept + ")");
        }
    }

    private static final String S = "/api/surveys/test-access";
    private static final String DEFINITION = """
            {"id": "test-access", "title": "Access control v2", "pages": [{"id": "only", "title": "Only",
             "questions": [{"id": "ok", "type": "single", "text": "Fine?",
               "options": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}]}]}]}""";

    private static List<Endpoint> endpoints(String response) {
        return List.of(
            new Endpoint("GET", "/api/surveys", null, null, Audience.LISTS),
            new Endpoint("GET", S, null, null, Audience.PUBLIC),
            new Endpoint("POST", "/api/surveys", "application/json", DEFINITION.replace("test-access", "test-access-new"),
                    Audience.RESEARCHER),
            new Endpoint("PUT", S + "/draft", "application/json", DEFINITION, Audience.RESEARCHER),
            new Endpoint("POST", S + "/validate", "application/json", DEFINITION, Audience.RESEARCHER),
            new Endpoint("GET", S + "/preview", null, null, Audience.RESEARCHER),
            new Endpoint("GET", S + "/versions", null, null, Audience.RESEARCHER),
            new Endpoint("GET", S + "/definition", null, null, Audience.RESEARCHER),
            new Endpoint("POST", S + "/close", null, null, Audience.RESEARCHER),
            new Endpoint("POST", S + "/reopen", null, null, Audience.RESEARCHER),
            new Endpoint("POST", S + "/publish", null, null, Audience.RESEARCHER),
            new Endpoint("POST", S + "/invitations", "application/json", "{\"count\": 1}", Audience.RESEARCHER),
            new Endpoint("GET", S + "/invitations", null, null, Audience.RESEARCHER),
            new Endpoint("DELETE", S + "/invitations/no-such-token", null, null, Audience.RESEARCHER),
            new Endpoint("POST", S + "/responses", "application/json", "{\"answers\": {\"ok\": \"yes\"}}", Audience.PUBLIC),
            new Endpoint("DELETE", "/api/responses/" + response + "/personal-data", null, null, Audience.RESEARCHER),
            new Endpoint("POST", "/api/responses/" + response + "/review", "application/json", "{\"decision\": \"accept\"}",
                    Audience.RESEARCHER),
            new Endpoint("GET", S + "/responses?flag=speeder", null, null, Audience.RESEARCHER, "application/x-ndjson"),
            new Endpoint("GET", S + "/results?quality=clean", null, null, Audience.STAFF),
            new Endpoint("POST", S + "/personal-data/erasure", "application/json", "{\"value\": \"x@example.com\"}",
                    Audience.RESEARCHER),
            new Endpoint("GET", "/api/audit", null, null, Audience.AUDIT),
            // Rows are the researcher's: analysts read aggregates only.
            new Endpoint("GET", S + "/responses", null, null, Audience.RESEARCHER, "text/csv"),
            new Endpoint("GET", S + "/responses?status=complete,screened_out", null, null, Audience.RESEARCHER,
                    "application/x-ndjson"),
            new Endpoint("GET", S + "/responses?status=in_progress", null, null, Audience.RESEARCHER, "text/csv"),
            new Endpoint("GET", S + "/codebook", null, null, Audience.STAFF, "application/json"),
            new Endpoint("GET", S + "/codebook", null, null, Audience.STAFF, "text/html"),
            new Endpoint("GET", S + "/results", null, null, Audience.STAFF),
            new Endpoint("GET", S + "/results?filter=ok:yes", null, null, Audience.STAFF),
            new Endpoint("GET", S + "/results/crosstab?rows=ok&columns=ok", null, null, Audience.STAFF),
            new Endpoint("POST", S + "/grants", "application/json", "{\"subject\": \"gina@example.com\", \"role\": \"analyst\"}",
                    Audience.ADMIN),
            new Endpoint("GET", S + "/grants", null, null, Audience.ADMIN),
            new Endpoint("GET", S + "/grants/gina@example.com", null, null, Audience.ADMIN),
            new Endpoint("DELETE", S + "/grants/gina@example.com", null, null, Audience.ADMIN));
    }

    private static Response call(Endpoint endpoint, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (endpoint.accept() != null) {
            request.accept(endpoint.accept());
        }
        if (endpoint.body() != null) {
            request.contentType(endpoint.contentType()).body(endpoint.body());
        } else {
            request.contentType("application/json");
        }
        return request.request(endpoint.method(), endpoint.path());
    }

    private static void assertServed(Endpoint endpoint, String who, Response response) {
        int status = response.statusCode();
        assertTrue(status != 400 && status != 401 && status != 403 && status < 500,
                endpoint + " as " + who + " should be served, got " + status + ": " + response.asString());
    }

    private static void assertStatus(int expected, Endpoint endpoint, String who, Response response) {
        assertEquals(expected, response.statusCode(), endpoint + " as " + who + ": " + response.asString());
        assertEquals("application/problem+json", response.contentType().split(";")[0], endpoint + " as " + who);
    }

    private static Map<String, Callable<String>> staff() {
        Map<String, Callable<String>> staff = new LinkedHashMap<>();
        staff.put("analyst", Tokens::analyst);
        staff.put("researcher", Tokens::researcher);
        staff.put("admin", Tokens::admin);
        return staff;
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointChecksItsRole() {
        // A response of the survey, for the erasure endpoint.
        String responseId = given().contentType("application/json").body("{\"answers\": {\"ok\": \"yes\"}}")
                .when().post(S + "/responses").then().statusCode(201).extract().path("id");
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints(responseId)) {
            boolean isPublic = endpoint.audience() == Audience.PUBLIC;
            tests.add(DynamicTest.dynamicTest(endpoint + " without a token", () -> {
                Response response = call(endpoint, null);
                if (isPublic) {
                    assertServed(endpoint, "anonymous", response);
                } else {
                    assertStatus(401, endpoint, "anonymous", response);
                    assertEquals("Bearer", response.header("WWW-Authenticate"));
                }
            }));
            for (Map.Entry<String, Callable<String>> bad : Tokens.unverifiable().entrySet()) {
                tests.add(DynamicTest.dynamicTest(endpoint + " with a token: " + bad.getKey(), () -> {
                    Response response = call(endpoint, bad.getValue().call());
                    if (isPublic) {
                        assertServed(endpoint, bad.getKey(), response);
                    } else {
                        assertStatus(401, endpoint, bad.getKey(), response);
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(endpoint + " with a valid token without a role", () -> {
                Response response = call(endpoint, Tokens.noRole());
                if (isPublic) {
                    assertServed(endpoint, "no role", response);
                } else {
                    assertStatus(403, endpoint, "no role", response);
                }
            }));
            for (Map.Entry<String, Callable<String>> staff : staff().entrySet()) {
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + staff.getKey(), () -> {
                    Response response = call(endpoint, staff.getValue().call());
                    if (isPublic || endpoint.audience().served.contains(staff.getKey())) {
                        assertServed(endpoint, staff.getKey(), response);
                    } else {
                        assertStatus(403, endpoint, staff.getKey(), response);
                    }
                }));
            }
        }
        return tests.stream();
    }
}
