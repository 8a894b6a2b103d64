package io.canvass.survey;

import java.time.Instant;

/** One version of a survey as researchers see it in the version list. */
public record VersionInfo(String surveyId, int version, String state, String title, Instant createdAt,
        Instant publishedAt, boolean current) {

    static VersionInfo of(SurveyVersion version, Integer currentVersion) {
        return new VersionInfo(version.surveyId, version.version, version.published ? "published" : "draft",
                version.title, version.createdAt, version.publishedAt,
                currentVersion != null && currentVersion == version.version);
    }
}
