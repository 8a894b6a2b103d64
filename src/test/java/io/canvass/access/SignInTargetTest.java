package io.canvass.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SignInTargetTest {

    @Test
    void keepsDashboardPagesWithWellFormedQueries() {
        assertEquals("/dashboard/s1?filter=industry%3Ait", SignInTarget.of("/dashboard/s1?filter=industry%3Ait"));
        assertEquals("/dashboard/s1?filter=industry:it,legal", SignInTarget.of("/dashboard/s1?filter=industry:it,legal"));
    }

    @Test
    void keepsStudioPages() {
        assertEquals("/studio", SignInTarget.of("/studio"));
        assertEquals("/studio/s1/edit", SignInTarget.of("/studio/s1/edit"));
        assertEquals(SignInTarget.DEFAULT, SignInTarget.of("/studio/s1/edit/more"));
        assertEquals(SignInTarget.DEFAULT, SignInTarget.of("/studio/../admin"));
    }

    @Test
    void anythingElseIsTheSurveyList() {
        for (String next : new String[] {"/dashboard?%zz", "/dashboard?a=%", "/dashboard?a=%4", "//evil.example.com",
                "https://evil.example.com/dashboard", "/dashboard/../admin", "/dashboard\\evil", null, ""}) {
            assertEquals(SignInTarget.DEFAULT, SignInTarget.of(next), String.valueOf(next));
        }
    }
}
