package io.canvass.response;

import io.canvass.interview.QualityFlag;
import io.canvass.interview.QuotaCell;
import io.canvass.invitation.InvitationNotValidException;
import io.canvass.invitation.InvitationState;
import io.canvass.questionnaire.Anonymity;
import io.canvass.survey.SurveyNotFoundException;
import io.canvass.survey.SurveyNotOpenException;
import io.canvass.survey.SurveyStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One group of submissions written in one transaction on one connection, with plain JDBC: the
 * idempotency keys first (a key stored already answers with its first receipt), one read of each
 * survey's state, the invitations and quota counters locked and decided member by member in order,
 * the completes' answer fingerprints claimed (a fingerprint held already makes a duplicate, see
 * {@link AnswerFingerprints}), then one statement per table: on PostgreSQL a multi-row
 * {@code INSERT … SELECT FROM unnest(arrays)}, on H2 a JDBC batch. A member the rules refuse (a spent
 * invitation, a closed survey) is left out and told why; it does not fail the others. Whatever fails the
 * statements themselves fails the whole attempt, and the {@link ResponseWriter} tries its members one by
 * one. A member may also be the end of a response the browser opened ({@link PendingResponse#closing}):
 * it is decided by the same steps and its row updated instead of inserted, so an API submission and a
 * browser respondent's last page are stored by the same code.
 */
final class GroupTransaction {

    // PostgreSQL: one statement per table for the whole group, rows passed as arrays (one plan, one execution).
    // Timestamps travel as ISO-8601 text with their offset, so the session's time zone plays no part.
    private static final String KEY_PG = "INSERT INTO idempotency_key (survey_id, idem_key, request_hash, response_id, created_at)"
            + " SELECT s, k, h, r, a::timestamptz FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])"
            + " AS u(s, k, h, r, a) ON CONFLICT DO NOTHING RETURNING survey_id, idem_key";
    private static final String RESPONSE_PG = "INSERT INTO response (id, survey_id, survey_version, status, reason, answers,"
            + " started_at, submitted_at, record_key, flags, duration_seconds, language)"
            + " SELECT i, s, v, st, re, an, a::timestamptz, a::timestamptz, k, f, d, l"
            + " FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::int[],"
            + " ?::varchar[], ?::int[], ?::varchar[]) AS u(i, s, v, st, re, an, a, k, f, d, l)";
    private static final String PERSONAL_PG = "INSERT INTO personal_data (response_id, question_id, content)"
            + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[])";
    private static final String UNLINKED_PG = "INSERT INTO unlinked_personal_data (id, survey_id, question_id, content, recorded_on)"
            + " SELECT i, s, q, c, d::date FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])"
            + " AS u(i, s, q, c, d)";
    private static final String CHANGE_PG = "INSERT INTO response_change (response_id, survey_id, previous_status, status, created_at)"
            + " SELECT r, s, p, st, a::timestamptz FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])"
            + " AS u(r, s, p, st, a) RETURNING id, response_id";
    // H2 has no ON CONFLICT outside its PostgreSQL mode; a MERGE that only inserts does the same for one writer.
    private static final String KEY_H2 = "MERGE INTO idempotency_key k USING (VALUES (CAST(? AS VARCHAR(100)),"
            + " CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(36)), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
            + " v(survey_id, idem_key, request_hash, response_id, created_at)"
            + " ON k.survey_id = v.survey_id AND k.idem_key = v.idem_key"
            + " WHEN NOT MATCHED THEN INSERT (survey_id, idem_key, request_hash, response_id, created_at)"
            + " VALUES (v.survey_id, v.idem_key, v.request_hash, v.response_id, v.created_at)";
    private static final String KEY_DELETE = "DELETE FROM idempotency_key WHERE survey_id = ? AND idem_key = ?";
    private static final String REPLAY = "SELECT k.request_hash, r.id, r.status, r.reason FROM idempotency_key k"
            + " JOIN response r ON r.id = k.response_id WHERE k.survey_id = ? AND k.idem_key = ?";
    private static final String SURVEY = "SELECT status, current_version FROM survey WHERE id = ?";
    private static final String INVITATION_LOCK = "SELECT state, claims FROM invitation WHERE survey_id = ? AND token = ? FOR UPDATE";
    private static final String INVITATION_SPEND = "UPDATE invitation SET claims = claims + 1, state = ?, response_id = ?,"
            + " used_at = ?, used_on = ? WHERE token = ?";
    private static final String QUOTA_LOCK = "SELECT quota_id, cell, cap, filled FROM quota_counter WHERE survey_id = ?"
            + " ORDER BY quota_id, cell FOR UPDATE";
    private static final String QUOTA_TAKE = "UPDATE quota_counter SET filled = filled + ? WHERE survey_id = ? AND quota_id = ? AND cell = ?";
    private static final String RESPONSE = "INSERT INTO response (id, survey_id, survey_version, status, reason, answers,"
            + " started_at, submitted_at, record_key, flags, duration_seconds, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PERSONAL = "INSERT INTO personal_data (response_id, question_id, content) VALUES (?, ?, ?)";
    private static final String UNLINKED = "INSERT INTO unlinked_personal_data (id, survey_id, question_id, content, recorded_on)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String CHANGE = "INSERT INTO response_change (response_id, survey_id, previous_status, status, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String CLOSE = "UPDATE response SET status = ?, reason = ?, answers = ?, submitted_at = ?, flags = ?,"
            + " duration_seconds = ? WHERE id = ? AND status = 'IN_PROGRESS'";
    private static final String PERSONAL_DELETE = "DELETE FROM personal_data WHERE response_id = ?";

    private final Connection connection;
    private final boolean postgresql;
    private final List<PendingResponse> group;
    /** Change-log ids taken by this attempt, for the results index to forget if it rolls back. */
    final List<Long> changeIds = new ArrayList<>();

    GroupTransaction(Connection connection, boolean postgresql, List<PendingResponse> group) {
        this.connection = connection;
        this.postgresql = postgresql;
        this.group = group;
    }

    /** Decides and writes every member; the caller commits. */
    void write() throws SQLException {
        group.forEach(PendingResponse::reset);
        claimKeys();
        checkSurveys();
        claimInvitations();
        takeQuotaPlaces();
        forgetKeysOfRefused();
        List<PendingResponse> stored = group.stream().filter(PendingResponse::live).toList();
        if (stored.isEmpty()) {
            return;
        }
        claimFingerprints(stored);
        insertResponses(stored);
        insertPersonalData(stored);
        insertChanges(stored);
        for (PendingResponse member : stored) {
            member.result = new Submission(member.receipt(), false);
        }
    }

    private void claimKeys() throws SQLException {
        // In key order, as every writer takes them: two groups racing on two keys never wait on each other in a circle.
        List<PendingResponse> keyed = group.stream().filter(m -> m.idempotencyKey != null)
                .sorted(Comparator.comparing((PendingResponse m) -> m.surveyId).thenComparing(m -> m.idempotencyKey))
                .toList();
        if (keyed.isEmpty()) {
            return;
        }
        if (postgresql) {
            claimKeysOnPostgresql(keyed);
            return;
        }
        int[] inserted;
        try (PreparedStatement insert = connection.prepareStatement(KEY_H2)) {
            for (PendingResponse member : keyed) {
                insert.setString(1, member.surveyId);
                insert.setString(2, member.idempotencyKey);
                insert.setString(3, member.requestHash);
                insert.setString(4, member.responseId);
                insert.setObject(5, timestamp(member));
                insert.addBatch();
            }
            inserted = insert.executeBatch();
        }
        for (int i = 0; i < keyed.size(); i++) {
            PendingResponse member = keyed.get(i);
            if (inserted[i] == 1) {
                member.keyInserted = true;
            } else {
                replay(member);
            }
        }
    }

    private void claimKeysOnPostgresql(List<PendingResponse> keyed) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(KEY_PG)) {
            insert.setArray(1, texts(keyed, m -> m.surveyId));
            insert.setArray(2, texts(keyed, m -> m.idempotencyKey));
            insert.setArray(3, texts(keyed, m -> m.requestHash));
            insert.setArray(4, texts(keyed, m -> m.responseId));
            insert.setArray(5, texts(keyed, m -> timestamp(m).toString()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1) + "\n" + rows.getString(2));
                }
            }
        }
        for (PendingResponse member : keyed) {
            if (inserted.contains(member.surveyId + "\n" + member.idempotencyKey)) {
                member.keyInserted = true;
            } else {
                replay(member);
            }
        }
    }

    private Array texts(List<PendingResponse> members, Function<PendingResponse, String> value) throws SQLException {
        String[] values = new String[members.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(members.get(i));
        }
        return connection.createArrayOf("varchar", values);
    }

    private Array integers(List<PendingResponse> members, ToIntFunction<PendingResponse> value) throws SQLException {
        Integer[] values = new Integer[members.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsInt(members.get(i));
        }
        return connection.createArrayOf("int4", values);
    }

    private Array nullableIntegers(List<PendingResponse> members, Function<PendingResponse, Integer> value)
            throws SQLException {
        Integer[] values = new Integer[members.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(members.get(i));
        }
        return connection.createArrayOf("int4", values);
    }

    /** The key was stored by an earlier request (committed: PostgreSQL waited for it): its first receipt. */
    private void replay(PendingResponse member) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(REPLAY)) {
            select.setString(1, member.surveyId);
            select.setString(2, member.idempotencyKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("Idempotency key without its response");
                }
                if (!row.getString(1).equals(member.requestHash)) {
                    member.refuse(IdempotencyKeyException.reused());
                    return;
                }
                member.result = new Submission(SubmissionReceipt.of(row.getString(2),
                        ResponseStatus.valueOf(row.getString(3)), row.getString(4)), true);
            }
        }
    }

    private void checkSurveys() throws SQLException {
        Map<String, Object[]> states = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SURVEY)) {
            for (PendingResponse member : group) {
                if (!member.live() || states.containsKey(member.surveyId)) {
                    continue;
                }
                select.setString(1, member.surveyId);
                try (ResultSet row = select.executeQuery()) {
                    states.put(member.surveyId, row.next()
                            ? new Object[] {SurveyStatus.valueOf(row.getString(1)), row.getObject(2)} : null);
                }
            }
        }
        for (PendingResponse member : group) {
            if (!member.live()) {
                continue;
            }
            Object[] state = states.get(member.surveyId);
            if (state == null) {
                member.refuse(new SurveyNotFoundException(member.surveyId));
            } else if (state[0] != SurveyStatus.OPEN || state[1] == null) {
                member.refuse(new SurveyNotOpenException(member.surveyId, (SurveyStatus) state[0]));
            } else if (member.closing == PendingResponse.Closing.NONE && ((Number) state[1]).intValue() != member.version) {
                // A new response answers the current version; one begun in the browser keeps the version it began on.
                member.refuse(new SurveyVersionChanged(member.surveyId));
            }
        }
    }

    /**
     * Each token admits one response: the row is locked (in token order, so two writers never wait on
     * each other in a circle), and of the members bringing it only the first takes it, once.
     */
    private void claimInvitations() throws SQLException {
        List<PendingResponse> invited = new ArrayList<>(group.stream().filter(m -> m.live() && m.invitation != null).toList());
        if (invited.isEmpty()) {
            return;
        }
        invited.sort(Comparator.comparing((PendingResponse m) -> m.invitation));
        Set<String> taken = new HashSet<>();
        try (PreparedStatement lock = connection.prepareStatement(INVITATION_LOCK)) {
            for (PendingResponse member : invited) {
                if (taken.contains(member.invitation)) {
                    member.refuse(new InvitationNotValidException());
                    continue;
                }
                lock.setString(1, member.surveyId);
                lock.setString(2, member.invitation);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next() || row.getInt(2) > 0 || !InvitationState.valueOf(row.getString(1)).admitsResponse()) {
                        member.refuse(new InvitationNotValidException());
                        continue;
                    }
                }
                taken.add(member.invitation);
            }
        }
    }

    /** One lock per survey on its counters, places decided member by member, one update per cell. */
    private void takeQuotaPlaces() throws SQLException {
        Map<String, Map<String, int[]>> counters = new HashMap<>();
        Map<String, Map<String, Integer>> taken = new LinkedHashMap<>();
        // Every survey's counters locked up front, in survey order, for the same reason as the keys.
        java.util.SortedSet<String> quotaSurveys = new java.util.TreeSet<>();
        for (PendingResponse member : group) {
            if (member.live() && member.screenedOutBy == null && !member.quotaCells.isEmpty()) {
                quotaSurveys.add(member.surveyId);
            }
        }
        for (String surveyId : quotaSurveys) {
            counters.put(surveyId, lockCounters(surveyId));
        }
        for (PendingResponse member : group) {
            if (!member.live()) {
                continue;
            }
            if (member.screenedOutBy != null) {
                member.status = ResponseStatus.SCREENED_OUT;
                member.reason = member.screenedOutBy;
                continue;
            }
            boolean onlyIfFull = member.closing == PendingResponse.Closing.IF_QUOTA_FULL;
            member.status = ResponseStatus.COMPLETE;
            if (member.quotaCells.isEmpty()) {
                member.stillOpen = onlyIfFull;
                continue;
            }
            Map<String, int[]> cells = counters.get(member.surveyId);
            QuotaCell full = null;
            for (QuotaCell cell : member.quotaCells) {
                int[] capAndFilled = cells.get(key(cell));
                if (capAndFilled != null && capAndFilled[1] >= capAndFilled[0]) {
                    full = cell;
                    break;
                }
            }
            if (full != null) {
                member.status = ResponseStatus.QUOTA_FULL;
                member.reason = full.reason();
                continue;
            }
            if (onlyIfFull) {
                // Room in every cell: the respondent goes on answering, and takes the places only on completing.
                member.stillOpen = true;
                continue;
            }
            for (QuotaCell cell : member.quotaCells) {
                int[] capAndFilled = cells.get(key(cell));
                if (capAndFilled != null) {
                    capAndFilled[1]++;
                    taken.computeIfAbsent(member.surveyId, s -> new LinkedHashMap<>()).merge(key(cell), 1, Integer::sum);
                }
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(QUOTA_TAKE)) {
            for (Map.Entry<String, Map<String, Integer>> survey : taken.entrySet()) {
                for (Map.Entry<String, Integer> cell : survey.getValue().entrySet()) {
                    int split = cell.getKey().indexOf('\n');
                    update.setInt(1, cell.getValue());
                    update.setString(2, survey.getKey());
                    update.setString(3, cell.getKey().substring(0, split));
                    update.setString(4, cell.getKey().substring(split + 1));
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
    }

    private Map<String, int[]> lockCounters(String surveyId) throws SQLException {
        Map<String, int[]> cells = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(QUOTA_LOCK)) {
            lock.setString(1, surveyId);
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    cells.put(row.getString(1) + "\n" + row.getString(2), new int[] {row.getInt(3), row.getInt(4)});
                }
            }
        }
        return cells;
    }

    private static String key(QuotaCell cell) {
        return cell.quotaId() + "\n" + cell.code();
    }

    /** A refused member stores nothing, so a retry with its key is a new request, as if it had never come. */
    private void forgetKeysOfRefused() throws SQLException {
        List<PendingResponse> refused = group.stream().filter(m -> m.keyInserted && m.refusal != null).toList();
        if (refused.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(KEY_DELETE)) {
            for (PendingResponse member : refused) {
                delete.setString(1, member.surveyId);
                delete.setString(2, member.idempotencyKey);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * Each complete claims its answers' fingerprint: one that an earlier complete (or an earlier member of
     * this group) holds already is a duplicate. In the storing transaction, so the first to commit wins.
     */
    private void claimFingerprints(List<PendingResponse> stored) throws SQLException {
        List<AnswerFingerprints.Claim> claims = new ArrayList<>();
        for (PendingResponse member : stored) {
            if (member.fingerprintToClaim() != null) {
                claims.add(new AnswerFingerprints.Claim(member.surveyId, member.fingerprintToClaim(), member.responseId));
            }
        }
        if (claims.isEmpty()) {
            return;
        }
        Set<String> originals = AnswerFingerprints.claim(connection, postgresql, claims);
        for (PendingResponse member : stored) {
            member.duplicate = member.fingerprintToClaim() != null && !originals.contains(member.responseId);
        }
    }

    private void insertResponses(List<PendingResponse> all) throws SQLException {
        List<PendingResponse> closing = all.stream().filter(m -> m.closing != PendingResponse.Closing.NONE).toList();
        List<PendingResponse> stored = closing.isEmpty() ? all
                : all.stream().filter(m -> m.closing == PendingResponse.Closing.NONE).toList();
        closeResponses(closing);
        if (stored.isEmpty()) {
            spendInvitations(all);
            return;
        }
        if (postgresql) {
            try (PreparedStatement insert = connection.prepareStatement(RESPONSE_PG)) {
                insert.setArray(1, texts(stored, m -> m.responseId));
                insert.setArray(2, texts(stored, m -> m.surveyId));
                insert.setArray(3, integers(stored, m -> m.version));
                insert.setArray(4, texts(stored, m -> m.status.name()));
                insert.setArray(5, texts(stored, m -> m.reason));
                insert.setArray(6, texts(stored, m -> m.answersJson));
                insert.setArray(7, texts(stored, m -> timestamp(m).toString()));
                insert.setArray(8, integers(stored, m -> m.recordKey));
                insert.setArray(9, texts(stored, m -> QualityFlag.encode(m.flags())));
                insert.setArray(10, nullableIntegers(stored, PendingResponse::storedDuration));
                insert.setArray(11, texts(stored, m -> m.language));
                insert.executeUpdate();
            }
        } else {
            insertResponsesInBatch(stored);
        }
        spendInvitations(all);
    }

    /** Responses the browser opened end here: in progress until now (the caller's transaction holds their rows). */
    private void closeResponses(List<PendingResponse> closing) throws SQLException {
        if (closing.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(CLOSE)) {
            for (PendingResponse member : closing) {
                update.setString(1, member.status.name());
                if (member.reason == null) {
                    update.setNull(2, Types.VARCHAR);
                } else {
                    update.setString(2, member.reason);
                }
                update.setString(3, member.answersJson);
                update.setObject(4, timestamp(member));
                String flags = QualityFlag.encode(member.flags());
                if (flags == null) {
                    update.setNull(5, Types.VARCHAR);
                } else {
                    update.setString(5, flags);
                }
                if (member.storedDuration() == null) {
                    update.setNull(6, Types.INTEGER);
                } else {
                    update.setInt(6, member.storedDuration());
                }
                update.setString(7, member.responseId);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            for (int count : updated) {
                if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("A response to close was no longer in progress");
                }
            }
        }
    }

    private void insertResponsesInBatch(List<PendingResponse> stored) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(RESPONSE)) {
            for (PendingResponse member : stored) {
                OffsetDateTime at = timestamp(member);
                insert.setString(1, member.responseId);
                insert.setString(2, member.surveyId);
                insert.setInt(3, member.version);
                insert.setString(4, member.status.name());
                if (member.reason == null) {
                    insert.setNull(5, Types.VARCHAR);
                } else {
                    insert.setString(5, member.reason);
                }
                insert.setString(6, member.answersJson);
                insert.setObject(7, at);
                insert.setObject(8, at);
                insert.setInt(9, member.recordKey);
                String flags = QualityFlag.encode(member.flags());
                if (flags == null) {
                    insert.setNull(10, Types.VARCHAR);
                } else {
                    insert.setString(10, flags);
                }
                if (member.storedDuration() == null) {
                    insert.setNull(11, Types.INTEGER);
                } else {
                    insert.setInt(11, member.storedDuration());
                }
                insert.setString(12, member.language);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void spendInvitations(List<PendingResponse> stored) throws SQLException {
        List<PendingResponse> invited = stored.stream().filter(m -> m.invitation != null).toList();
        if (invited.isEmpty()) {
            return;
        }
        try (PreparedStatement spend = connection.prepareStatement(INVITATION_SPEND)) {
            for (PendingResponse member : invited) {
                boolean anonymous = member.definition.anonymity() == Anonymity.ANONYMOUS;
                // On an anonymous survey the invitation keeps that it was used and the day, nothing leading to the response.
                spend.setString(1, anonymous ? InvitationState.USED.name() : spentState(member.status).name());
                if (anonymous) {
                    spend.setNull(2, Types.VARCHAR);
                    spend.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    spend.setString(2, member.responseId);
                    spend.setObject(3, timestamp(member));
                }
                spend.setObject(4, day(member));
                spend.setString(5, member.invitation);
                spend.addBatch();
            }
            spend.executeBatch();
        }
    }

    private static InvitationState spentState(ResponseStatus status) {
        return switch (status) {
            case SCREENED_OUT -> InvitationState.SCREENED_OUT;
            case QUOTA_FULL -> InvitationState.QUOTA_FULL;
            case IN_PROGRESS -> InvitationState.IN_PROGRESS;
            case COMPLETE, REJECTED -> InvitationState.COMPLETED;
        };
    }

    /**
     * Personal data with its response on an identified survey; on an anonymous one on the survey's
     * unlinked list, under a random id (not a time-ordered one: not even the rows' order may follow
     * the responses) with only the day.
     */
    private void insertPersonalData(List<PendingResponse> stored) throws SQLException {
        forgetPagesPersonalData(stored);
        List<PendingResponse> linked = new ArrayList<>();
        List<PendingResponse> unlinked = new ArrayList<>();
        for (PendingResponse member : stored) {
            if (!member.personalData.isEmpty()) {
                (member.definition.anonymity() == Anonymity.ANONYMOUS ? unlinked : linked).add(member);
            }
        }
        if (postgresql) {
            insertPersonalDataOnPostgresql(linked, unlinked);
            return;
        }
        if (!linked.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(PERSONAL)) {
                for (PendingResponse member : linked) {
                    for (Map.Entry<String, String> value : member.personalData.entrySet()) {
                        insert.setString(1, member.responseId);
                        insert.setString(2, value.getKey());
                        insert.setString(3, value.getValue());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        if (!unlinked.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(UNLINKED)) {
                for (PendingResponse member : unlinked) {
                    for (Map.Entry<String, String> value : member.personalData.entrySet()) {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, member.surveyId);
                        insert.setString(3, value.getKey());
                        insert.setString(4, value.getValue());
                        insert.setObject(5, day(member));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    /**
     * A response the browser opened kept its personal data with it while in progress; as it ends, what it
     * ends with is stored like a new response's: with it on an identified survey, unlinked on an anonymous one.
     */
    private void forgetPagesPersonalData(List<PendingResponse> stored) throws SQLException {
        List<PendingResponse> closing = stored.stream().filter(m -> m.closing != PendingResponse.Closing.NONE).toList();
        if (closing.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(PERSONAL_DELETE)) {
            for (PendingResponse member : closing) {
                delete.setString(1, member.responseId);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private void insertPersonalDataOnPostgresql(List<PendingResponse> linked, List<PendingResponse> unlinked)
            throws SQLException {
        if (!linked.isEmpty()) {
            List<String[]> rows = personalRows(linked, false);
            try (PreparedStatement insert = connection.prepareStatement(PERSONAL_PG)) {
                for (int column = 0; column < 3; column++) {
                    insert.setArray(column + 1, column(rows, column));
                }
                insert.executeUpdate();
            }
        }
        if (!unlinked.isEmpty()) {
            List<String[]> rows = personalRows(unlinked, true);
            try (PreparedStatement insert = connection.prepareStatement(UNLINKED_PG)) {
                for (int column = 0; column < 5; column++) {
                    insert.setArray(column + 1, column(rows, column));
                }
                insert.executeUpdate();
            }
        }
    }

    /** One row per personal answer: linked (response, question, value) or unlinked (random id, survey, question, value, day). */
    private static List<String[]> personalRows(List<PendingResponse> members, boolean unlinked) {
        List<String[]> rows = new ArrayList<>();
        for (PendingResponse member : members) {
            for (Map.Entry<String, String> value : member.personalData.entrySet()) {
                rows.add(unlinked
                        ? new String[] {UUID.randomUUID().toString(), member.surveyId, value.getKey(), value.getValue(),
                                day(member).toString()}
                        : new String[] {member.responseId, value.getKey(), value.getValue()});
            }
        }
        return rows;
    }

    private Array column(List<String[]> rows, int column) throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[column];
        }
        return connection.createArrayOf("varchar", values);
    }

    private void insertChanges(List<PendingResponse> stored) throws SQLException {
        if (postgresql) {
            Map<String, PendingResponse> byResponse = new HashMap<>();
            stored.forEach(member -> byResponse.put(member.responseId, member));
            try (PreparedStatement insert = connection.prepareStatement(CHANGE_PG)) {
                insert.setArray(1, texts(stored, m -> m.responseId));
                insert.setArray(2, texts(stored, m -> m.surveyId));
                insert.setArray(3, texts(stored, m -> m.previousStatus() == null ? null : m.previousStatus().name()));
                insert.setArray(4, texts(stored, m -> m.status.name()));
                insert.setArray(5, texts(stored, m -> timestamp(m).toString()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        PendingResponse member = byResponse.get(rows.getString(2));
                        member.changeId = rows.getLong(1);
                        changeIds.add(member.changeId);
                    }
                }
            }
            if (changeIds.size() != stored.size()) {
                throw new SQLException("Fewer change-log ids than rows inserted");
            }
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(CHANGE, Statement.RETURN_GENERATED_KEYS)) {
            for (PendingResponse member : stored) {
                insert.setString(1, member.responseId);
                insert.setString(2, member.surveyId);
                if (member.previousStatus() == null) {
                    insert.setNull(3, Types.VARCHAR);
                } else {
                    insert.setString(3, member.previousStatus().name());
                }
                insert.setString(4, member.status.name());
                insert.setObject(5, timestamp(member));
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (PendingResponse member : stored) {
                    if (!keys.next()) {
                        throw new SQLException("Fewer change-log ids than rows inserted");
                    }
                    member.changeId = keys.getLong(1);
                    changeIds.add(member.changeId);
                }
            }
        }
    }

    private static OffsetDateTime timestamp(PendingResponse member) {
        return member.at.atOffset(ZoneOffset.UTC);
    }

    /** Days are UTC days, as everywhere else. */
    private static LocalDate day(PendingResponse member) {
        return member.at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The survey has a newer published version than the one the answers were checked against. */
    static final class SurveyVersionChanged extends RuntimeException {
        SurveyVersionChanged(String surveyId) {
            super("Survey '" + surveyId + "' has a new version", null, false, false);
        }
    }
}
