package io.canvass.access;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sign-in form as a browser uses it: the CSRF cookie and field from GET /login, then the POST. */
public final class SignIn {

    public static final String COOKIE = "canvass_token";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    public final String csrfCookie;
    public final String csrfField;
    public final Response formPage;

    private SignIn(Response formPage) {
        this.formPage = formPage;
        this.csrfCookie = formPage.getCookie("csrf-token");
        Matcher field = CSRF_FIELD.matcher(formPage.asString());
        this.csrfField = field.find() ? field.group(1) : null;
    }

    public static SignIn form() {
        return new SignIn(given().redirects().follow(false).when().get("/login"));
    }

    public Response post(String token, String next) {
        io.restassured.specification.RequestSpecification request = given().redirects().follow(false)
                .cookie("csrf-token", csrfCookie).contentType(ContentType.URLENC)
                .formParam("csrf-token", csrfField).formParam("token", token);
        if (next != null) {
            request.formParam("next", next);
        }
        return request.when().post("/login");
    }

    public Response logout(String sessionCookie) {
        return given().redirects().follow(false).cookie("csrf-token", csrfCookie).cookie(COOKIE, sessionCookie)
                .contentType(ContentType.URLENC).formParams(Map.of("csrf-token", csrfField)).when().post("/logout");
    }

    /** Signs in with the token and returns the session cookie's value. */
    public static String cookieFor(String token) {
        Response signedIn = form().post(token, null);
        if (signedIn.statusCode() != 303 || signedIn.getCookie(COOKIE) == null) {
            throw new AssertionError("sign-in failed: " + signedIn.statusCode());
        }
        return signedIn.getCookie(COOKIE);
    }

    /** The raw Set-Cookie header of the session cookie, or null. */
    public static String sessionSetCookie(Response response) {
        List<String> headers = response.getHeaders().getValues("Set-Cookie");
        return headers.stream().filter(h -> h.startsWith(COOKIE + "=")).findFirst().orElse(null);
    }
}
