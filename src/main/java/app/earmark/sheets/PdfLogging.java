package app.earmark.sheets;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends openhtmltopdf's log to SLF4J (under its own category names, e.g. {@code com.openhtmltopdf.load}) instead of
 * its console logger, with its chatty INFO lines (timings, "loading font") at DEBUG.
 */
final class PdfLogging implements XRLogger {

    private static final PdfLogging INSTANCE = new PdfLogging();

    private PdfLogging() {
    }

    static void install() {
        if (XRLog.getLoggerImpl() != INSTANCE) {
            XRLog.setLoggerImpl(INSTANCE);
        }
    }

    @Override
    public void log(String where, Level level, String message) {
        log(where, level, message, null);
    }

    @Override
    public void log(String where, Level level, String message, Throwable error) {
        Logger logger = LoggerFactory.getLogger(where);
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            logger.error(message, error);
        } else if (value >= Level.WARNING.intValue()) {
            logger.warn(message, error);
        } else if (value >= Level.INFO.intValue()) {
            logger.debug(message, error);
        } else {
            logger.trace(message, error);
        }
    }

    @Override
    public void setLevel(String where, Level level) {
        // Levels are SLF4J's to decide (logging.level.com.openhtmltopdf=…).
    }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        Logger logger = LoggerFactory.getLogger(diagnostic.getLogMessageId().getWhere());
        int value = diagnostic.getLevel().intValue();
        return value >= Level.SEVERE.intValue() ? logger.isErrorEnabled()
                : value >= Level.WARNING.intValue() ? logger.isWarnEnabled()
                : value >= Level.INFO.intValue() ? logger.isDebugEnabled() : logger.isTraceEnabled();
    }
}
