package io.canvass.export;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A stored response ready to be written: its parsed answers (personal data removed) and the version it answered. */
record ExportedRow(StoredResponse stored, ObjectNode answers, AnsweredVersion version, int furthestPage) {

    static ExportedRow of(StoredResponse stored, ObjectNode answers, AnsweredVersion version) {
        answers.remove(version.personalDataKeys);
        return new ExportedRow(stored, answers, version, ExportColumns.furthestPage(answers, version));
    }
}
