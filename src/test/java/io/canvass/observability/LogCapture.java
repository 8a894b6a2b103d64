package io.canvass.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the service logs while it is open, from every logger: each record that {@code which} picks,
 * described by {@code describe} as it is written (the MDC of the thread that logged it included).
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Handler handler;

    private LogCapture(Predicate<LogRecord> which, Function<LogRecord, String> describe) {
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (which.test(record)) {
                    String line = describe.apply(record);
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(handler);
    }

    public static LogCapture of(Predicate<LogRecord> which, Function<LogRecord, String> describe) {
        return new LogCapture(which, describe);
    }

    /** Every record as one line: its message, parameters and the chain of its exceptions. */
    public static LogCapture everything() {
        return of(record -> true, LogCapture::line);
    }

    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
    }

    private static String line(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                line.append(' ').append(parameter);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(' ').append(t);
        }
        return line.toString();
    }
}
