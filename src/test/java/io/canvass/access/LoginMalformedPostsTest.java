package io.canvass.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whatever is posted to /login, the answer is a 4xx without a session cookie: never a 500, never a stack trace. */
@QuarkusTest
class LoginMalformedPostsTest {

    @TestHTTPResource("/login")
    URL login;

    @Test
    void everyMalformedSignInPostGetsA4xx() throws Exception {
        SignIn form = SignIn.form();
        Function<RequestSpecification, RequestSpecification> withCsrf = r -> r.cookie("csrf-token", form.csrfCookie)
                .formParam("csrf-token", form.csrfField);
        Map<String, Function<RequestSpecification, Response>> posts = new LinkedHashMap<>();
        posts.put("no body, no content type", r -> r.post("/login"));
        posts.put("empty form", r -> r.contentType(ContentType.URLENC).body("").post("/login"));
        posts.put("empty form with the CSRF cookie", r -> r.cookie("csrf-token", form.csrfCookie).contentType(ContentType.URLENC)
                .body("").post("/login"));
        posts.put("JSON", r -> r.contentType(ContentType.JSON).body("{\"token\":\"" + Tokens.analyst() + "\"}").post("/login"));
        posts.put("text/plain", r -> r.contentType(ContentType.TEXT).body("token=x").post("/login"));
        posts.put("multipart", r -> r.multiPart("token", "x").post("/login"));
        posts.put("broken percent escapes", r -> r.cookie("csrf-token", form.csrfCookie).contentType(ContentType.URLENC)
                .body("csrf-token=" + form.csrfField + "&token=%zz%&next=%").post("/login"));
        posts.put("missing token", r -> withCsrf.apply(r.contentType(ContentType.URLENC)).post("/login"));
        posts.put("empty token", r -> withCsrf.apply(r.contentType(ContentType.URLENC)).formParam("token", "").post("/login"));
        posts.put("garbage token", r -> withCsrf.apply(r.contentType(ContentType.URLENC)).formParam("token", "not.a.jwt").post("/login"));
        posts.put("token of control characters and emoji", r -> withCsrf.apply(r.contentType(ContentType.URLENC))
                .formParam("token", "\u0000\u0007😀\r\n.é.x").post("/login"));
        posts.put("two tokens", r -> withCsrf.apply(r.contentType(ContentType.URLENC)).formParam("token", "a.b.c")
                .formParam("token", Tokens.analyst()).post("/login"));
        posts.put("oversized token (40 KB)", r -> withCsrf.apply(r.contentType(ContentType.URLENC))
                .formParam("token", "eyJ" + "A".repeat(40_000) + ".e30.sig").post("/login"));
        posts.put("oversized next", r -> withCsrf.apply(r.contentType(ContentType.URLENC)).formParam("token", "x.y.z")
                .formParam("next", "/dashboard?" + "%zz".repeat(5000)).post("/login"));
        posts.put("body over the request limit (2 MB)", r -> withCsrf.apply(r.contentType(ContentType.URLENC))
                .formParam("token", "x".repeat(2_000_000)).post("/login"));
        posts.put("wrong CSRF field", r -> r.cookie("csrf-token", form.csrfCookie).contentType(ContentType.URLENC)
                .formParam("csrf-token", "forged").formParam("token", Tokens.analyst()).post("/login"));
        posts.put("unsigned token (alg none)", r -> withCsrf.apply(r.contentType(ContentType.URLENC))
                .formParam("token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZ3JvdXBzIjpbImFuYWx5c3QiXX0.").post("/login"));

        // Bytes that are not UTF-8 in a form body (REST Assured only sends text forms, so a plain client does).
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(login.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Cookie", "csrf-token=" + form.csrfCookie)
                .POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8("csrf-token=" + form.csrfField + "&token="))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(raw.statusCode() >= 400 && raw.statusCode() < 500, "bytes that are not UTF-8: " + raw.statusCode() + " " + raw.body());
        assertTrue(raw.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(SignIn.COOKIE + "=")));

        posts.forEach((what, post) -> {
            Response response = post.apply(given().redirects().follow(false));
            int status = response.statusCode();
            assertTrue(status >= 400 && status < 500, what + ": expected 4xx, got " + status + " " + response.asString());
            assertNull(SignIn.sessionSetCookie(response), what + ": no session cookie");
            String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
            assertFalse(body.contains("Exception") || body.contains("at io.") || body.contains("java."),
                    what + ": the answer names Java internals: " + body);
        });
    }

    private static byte[] notUtf8(String prefix) {
        byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] body = java.util.Arrays.copyOf(start, start.length + 4);
        body[start.length] = (byte) 0xff;
        body[start.length + 1] = (byte) 0xfe;
        body[start.length + 2] = (byte) 0xc3;
        body[start.length + 3] = '.';
        return body;
    }

    @Test
    void aValidSignInWithABrokenNextStillSignsInToTheDashboard() {
        Response signedIn = SignIn.form().post(Tokens.analyst(), "/dashboard?%zz");
        assertTrue(signedIn.statusCode() == 303, "303, not 500: " + signedIn.statusCode());
        assertTrue(signedIn.getHeader("Location").endsWith("/dashboard"), signedIn.getHeader("Location"));
    }
}
