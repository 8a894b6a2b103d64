package io.canvass.interview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Answers apart from the personal data in them: what may be stored with the response and shown
 * in results, and the personal answers (question id → text) that are stored on their own.
 */
public record SplitAnswers(ObjectNode answers, Map<String, String> personalData) {
}
