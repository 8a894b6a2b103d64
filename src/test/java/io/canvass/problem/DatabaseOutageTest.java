package io.canvass.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures are the database being away (503, retry) and which are faults (500). */
class DatabaseOutageTest {

    @Test
    void aLostOrRefusedConnectionIsAnOutageHoweverDeepItIsWrapped() {
        assertTrue(DatabaseOutage.causedBy(new PersistenceException(new SQLException("refused", "08001"))));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new PersistenceException(new SQLException("I/O", "08006")))));
        assertTrue(DatabaseOutage.causedBy(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.causedBy(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLException("x", null, new ConnectException("refused")))));
        assertTrue(DatabaseOutage.causedBy(new SQLException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void aCommitOnADroppedConnectionIsAnOutage() {
        // Narayana's RollbackException carries the resource's failure as a suppressed exception.
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        assertTrue(DatabaseOutage.causedBy(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void aBrokenStatementOrAConstraintIsNot() {
        assertFalse(DatabaseOutage.causedBy(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.causedBy(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("no state")));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("bug")));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(DatabaseOutage.causedBy(first));
    }
}
