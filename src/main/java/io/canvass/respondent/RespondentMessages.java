package io.canvass.respondent;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every fixed text of the respondent's pages, in English; the translations are
 * {@code messages/msg_<language>.properties} (ja, ko, de, fr), one per language a survey may offer
 * ({@link io.canvass.questionnaire.PageLanguages}). Templates read them as {@code {msg:key}} in the page's
 * locale; Java code through {@link RespondentTexts}. The build checks every key a template names.
 */
@MessageBundle(value = "msg", locale = "en")
public interface RespondentMessages {

    // The layout around every page.
    @Message("Skip to main content")
    String skip_link();

    @Message("Your answers are confidential and reported only in aggregate.")
    String footer();

    @Message("Language")
    String language();

    @Message("Change the language of this survey")
    String language_switch();

    // The start page.
    @Message("It takes about {minutes} minutes. Your answers are saved as you go: you can stop and come back later.")
    String start_duration(int minutes);

    @Message("Privacy")
    String start_privacy();

    @Message("Start now")
    String start_button();

    // A question page.
    @Message("Page {number} of {count}")
    String page_progress(int number, int count);

    @Message("Error: ")
    String page_title_error_prefix();

    @Message("There is a problem")
    String error_summary_title();

    @Message("Error:")
    String error_prefix();

    @Message("(optional)")
    String optional();

    @Message("You can enter up to {max} characters")
    String text_limit(int max);

    @Message("You have %d characters remaining")
    String text_remaining_script();

    @Message("You have %d characters too many")
    String text_over_script();

    @Message("If {option}, please specify")
    String specify_label(String option);

    @Message("Leave this field empty")
    String honeypot_label();

    @Message("Answer only if you chose “{choices}” above.")
    String revealed_by(String choices);

    @Message("” or “")
    String revealed_by_separator();

    @Message("Your answers are saved each time you continue. To come back later, choose “Save and continue later” for your personal link back to them.")
    String saved_hint();

    @Message("Continue")
    String continue_button();

    @Message("Submit answers")
    String submit_button();

    @Message("Back")
    String back_button();

    @Message("Save and continue later")
    String save_button();

    // Error messages beside a field: say what to do, not what went wrong.
    @Message("Answer every row")
    String answer_every_row();

    @Message("Choose an answer for {row}")
    String answer_row(String row);

    @Message("Select at least one answer")
    String select_at_least_one();

    @Message("Enter your answer")
    String enter_answer();

    @Message("Select an answer")
    String select_answer();

    @Message("Use {max} characters or fewer")
    String too_long(int max);

    @Message("Enter an e-mail address in the correct format, like name@example.com")
    String invalid_email();

    @Message("Choose either “None” or other answers, not both")
    String exclusive_combined();

    @Message("Choose a number from {min} to {max}")
    String scale_range(int min, int max);

    @Message("Tick “Other” to add your own answer, or clear the text")
    String specify_without_option();

    @Message("Choose one of the answers shown")
    String choose_shown();

    // The save page.
    @Message("Your answers are saved")
    String saved_title();

    @Message("To continue later, use this link. Anyone with it can open your answers, so keep it private.")
    String saved_link_intro();

    @Message("Copy it or bookmark it now: we do not know who you are and cannot send it to you.")
    String saved_link_keep();

    @Message("Continue now")
    String saved_continue();

    // The endings.
    @Message("Thank you")
    String complete_title();

    @Message("Your answers have been received.")
    String complete_received();

    @Message("Your response to “{survey}” is complete. Results are reported in aggregate only.")
    String complete_body(String survey);

    @Message("Thank you for your interest")
    String screened_out_title();

    @Message("This study is for leaders of organizations with a particular profile, and from your answers it is not a match this time. We appreciate the time you gave us.")
    String screened_out_body();

    @Message("This group of respondents is complete")
    String quota_full_title();

    @Message("We have already heard from enough people in your group, so we cannot take more answers from it. Thank you for your time and interest.")
    String quota_full_body();

    // Pages in place of an error.
    @Message("This invitation has already been used")
    String invitation_used_title();

    @Message("Each invitation link starts the survey once. If you began answering, your answers are saved: continue with your personal resume link, the one on the “Save and continue later” page (it is also the address of every page of your questionnaire). If you have not started yet, please contact the research team.")
    String invitation_used_body();

    @Message("This survey is by invitation")
    String invitation_needed_title();

    @Message("We could not find a valid invitation in this link. It may be incomplete, already used or withdrawn. Please use the link from your invitation e-mail, or contact the research team.")
    String invitation_needed_body();

    @Message("This survey is closed")
    String closed_title();

    @Message("This survey is not taking responses at the moment. Thank you for your interest.")
    String closed_body();

    @Message("Survey not found")
    String not_found_title();

    @Message("There is no survey at this address. Please check the link.")
    String not_found_body();

    @Message("Link not valid")
    String resume_link_title();

    @Message("This link does not lead to a survey in progress. Check that it was copied in full; links stop working some weeks after a survey closes.")
    String resume_link_body();

    @Message("Your answer is too long to send")
    String too_long_title();

    @Message("One of the answers on this page is longer than we can accept. Please go back, shorten it and send the page again. Your earlier pages are saved.")
    String too_long_body();

    @Message("This page could not be shown")
    String refused_title();

    @Message("Please go back and try again, or use the link from your invitation or your resume link.")
    String refused_body();

    @Message("We could not save just now")
    String outage_title();

    @Message("The survey is briefly unavailable. Your earlier pages are saved. Please go back, check your answers on this page and send it again in a few seconds.")
    String outage_body();

    @Message("Something went wrong")
    String failure_title();

    @Message("We could not complete this step. Your earlier pages are saved. If it happens again, please contact the research team and quote {incident}.")
    String failure_body(String incident);
}
