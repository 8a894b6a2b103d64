package io.canvass.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieHeaderTest {

    @Test
    void findsACookieByItsExactName() {
        assertTrue(CookieHeader.has("a=1; canvass_token=x.y.z; b=2", "canvass_token"));
        assertTrue(CookieHeader.has("canvass_token=", "canvass_token"));
        assertFalse(CookieHeader.has("my_canvass_token=x; canvass_token_old=y", "canvass_token"));
        assertFalse(CookieHeader.has(null, "canvass_token"));
    }

    @Test
    void findsACookieByNameAndValueWhereverItIs() {
        assertTrue(CookieHeader.any(" a=1 ;csrf-token=%%% ; b=2", (name, value) -> name.equals("csrf-token") && value.equals("%%%")));
        assertTrue(CookieHeader.any("x=a=b", (name, value) -> name.equals("x") && value.equals("a=b")), "values may hold '='");
        assertTrue(CookieHeader.any("flag; a=1", (name, value) -> name.equals("flag") && value.isEmpty()));
        assertFalse(CookieHeader.any(";; ;", (name, value) -> true), "no pairs at all");
        assertFalse(CookieHeader.any("a=1; b=2", (name, value) -> value.equals("3")));
        assertFalse(CookieHeader.any(null, (name, value) -> true));
    }

    @Test
    void dropsOnlyWhatItIsToldAndKeepsTheRestInOrder() {
        assertEquals("a=1; b=2", CookieHeader.without("a=1; canvass_token=x; b=2", (name, value) -> name.equals("canvass_token")));
        assertEquals("csrf-token=good", CookieHeader.without("csrf-token=%%%; csrf-token=good",
                (name, value) -> name.equals("csrf-token") && value.contains("%")));
        assertNull(CookieHeader.without("canvass_token=x", (name, value) -> true));
        assertEquals("x=a=b", CookieHeader.without(";x=a=b ; ", (name, value) -> false), "values may hold '='");
    }

    @Test
    void aCsrfCookieIsReadableWhenItDecodesToAToken() {
        CsrfCookieRepair plain = new CsrfCookieRepair("csrf-token", 16, Optional.empty());
        assertTrue(plain.readable("AAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(plain.readable("%%%"));
        assertFalse(plain.readable("abc"));
        assertFalse(plain.readable(""));
        assertFalse(plain.readable("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "a signed value when none is expected");
        CsrfCookieRepair signed = new CsrfCookieRepair("csrf-token", 16, Optional.of("k".repeat(32)));
        assertTrue(signed.readable("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(signed.readable("%%%"));
    }
}
