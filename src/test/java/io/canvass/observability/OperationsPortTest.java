package io.canvass.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics are for operators on a port of their own; the public port, which the load
 * balancer and the ingress route to, does not have them. The OpenAPI document stays public.
 */
@QuarkusTest
class OperationsPortTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @TestHTTPResource("/")
    URL application;

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        for (String path : new String[] {"/q/health", "/q/health/live", "/q/health/ready", "/q/metrics"}) {
            given().when().get(path).then().statusCode(404);
        }
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPort() {
        assertNotEquals(application.getPort(), management.getPort(), "the management port is not the public one");
        given().baseUri(ManagementPort.url()).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(ManagementPort.url()).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(ManagementPort.url()).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("canvass_quota_cap{"));
    }

    @Test
    void theOpenApiDocumentStaysPublic() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/surveys/{surveyId}/responses"));
        given().baseUri(ManagementPort.url()).accept("application/json").when().get("/q/openapi").then().statusCode(404);
    }
}
