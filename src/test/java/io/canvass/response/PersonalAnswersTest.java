package io.canvass.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canvass.questionnaire.DefinitionParser;
import io.canvass.questionnaire.SurveyDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain rules about personal answers: what counts as one among stored answers, and how long one may be. */
class PersonalAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Read without the schema, which may cap text lengths below what these rules must withstand.
    private static final SurveyDefinition DEFINITION = DefinitionParser.fromCanonicalJson("""
            {"id": "rules", "version": 1, "title": "Rules", "pages": [{"id": "p", "title": "P", "questions": [
              {"id": "ok", "type": "single", "text": "Fine?", "options": [{"code": "yes", "label": "Yes"}]},
              {"id": "mail", "type": "email", "text": "Mail", "required": false},
              {"id": "name", "type": "text", "text": "Name", "required": false, "maxLength": 15000, "personalData": true},
              {"id": "note", "type": "text", "text": "Note", "required": false}]}]}""");

    @Test
    void everyEmailAndFlaggedAnswerAmongStoredAnswersIsPersonal() {
        InlinePersonalAnswers.Extraction extraction = InlinePersonalAnswers.extract(
                "{\"ok\":\"yes\",\"mail\":\"a@example.com\",\"name\":\"Ann\",\"note\":\"a@example.com\"}", DEFINITION);
        assertEquals(Map.of("mail", "a@example.com", "name", "Ann"), extraction.taken());
        assertEquals("{\"ok\":\"yes\",\"note\":\"a@example.com\"}", extraction.remainingAnswers(),
                "a free-text answer that happens to hold an address is an answer, not personal data");
    }

    @Test
    void erasureByValueTakesOnlyMatchingAnswers() {
        InlinePersonalAnswers.Extraction extraction = InlinePersonalAnswers.extract(
                "{\"mail\":\"A@Example.com\",\"name\":\"Ann\"}", DEFINITION, v -> v.equalsIgnoreCase("a@example.com"));
        assertEquals(Map.of("mail", "A@Example.com"), extraction.taken());
        String untouched = "{\"ok\":\"yes\"}";
        assertSame(untouched, InlinePersonalAnswers.extract(untouched, DEFINITION).remainingAnswers(), "nothing rewritten");
    }

    @Test
    void aPersonalAnswerLongerThanItsColumnIsRefusedEvenWhenTheDefinitionAllowsIt() {
        AnswerValidator validator = new AnswerValidator();
        String fits = "\uD83D\uDE00".repeat(PersonalDataEntry.MAX_CONTENT_LENGTH / 2);
        assertEquals(fits, validator.check(DEFINITION, answers("name", fits)).personalData().get("name"));

        // 10,001 characters, within the definition's 15,000, but 20,002 UTF-16 units: more than the column holds.
        String tooLong = fits + "\uD83D\uDE00";
        InvalidAnswersException refused = assertThrows(InvalidAnswersException.class,
                () -> validator.check(DEFINITION, answers("name", tooLong)));
        assertEquals("too_long", refused.violations().get(0).code());
        assertEquals("name", refused.violations().get(0).question());
        assertFalse(validator.check(DEFINITION, answers("note", "x".repeat(2000))).personalData().containsKey("note"));
    }

    private static ObjectNode answers(String question, String value) {
        ObjectNode answers = JSON.createObjectNode();
        answers.put("ok", "yes");
        answers.put(question, value);
        return answers;
    }
}
