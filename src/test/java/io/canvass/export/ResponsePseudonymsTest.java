package io.canvass.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/** The pseudonyms of anonymous exports, as pure functions of a key and an id. */
class ResponsePseudonymsTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        OTHER_KEY[0] = 1;
    }

    @Test
    void theSameIdUnderTheSameKeyAlwaysHasTheSamePseudonym() {
        String id = UUID.randomUUID().toString();
        Mac mac = ResponsePseudonyms.mac(KEY);
        assertEquals(ResponsePseudonyms.pseudonym(mac, id), ResponsePseudonyms.pseudonym(mac, id));
        assertEquals(ResponsePseudonyms.pseudonym(mac, id), ResponsePseudonyms.pseudonym(ResponsePseudonyms.mac(KEY), id));
    }

    @Test
    void aPseudonymIs128BitsOfHexThatShowNothingOfTheId() {
        Set<String> seen = new HashSet<>();
        Mac mac = ResponsePseudonyms.mac(KEY);
        for (int i = 0; i < 10_000; i++) {
            String id = UUID.randomUUID().toString();
            String pseudonym = ResponsePseudonyms.pseudonym(mac, id);
            assertTrue(pseudonym.matches("[0-9a-f]{32}"), pseudonym);
            assertTrue(seen.add(pseudonym), "no two ids share a pseudonym");
            assertTrue(!pseudonym.contains(id.substring(0, 8).replace("-", "")), "no piece of the id shows");
        }
    }

    @Test
    void anotherSurveysKeyGivesAnUnrelatedPseudonym() {
        String id = UUID.randomUUID().toString();
        assertNotEquals(ResponsePseudonyms.pseudonym(ResponsePseudonyms.mac(KEY), id),
                ResponsePseudonyms.pseudonym(ResponsePseudonyms.mac(OTHER_KEY), id));
    }
}
