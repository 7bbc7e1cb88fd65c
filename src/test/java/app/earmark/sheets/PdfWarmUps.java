package app.earmark.sheets;

import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationContext;

/** For benchmarks outside this package: the start-up warm-up of the PDF renderer ({@link PdfWarmUp}). */
public final class PdfWarmUps {

    private PdfWarmUps() {
    }

    public static boolean finished(ApplicationContext context) {
        return context.getBean(PdfWarmUp.class).done().isDone();
    }

    /** Waits for the warm-up; its duration in milliseconds. */
    public static long await(ApplicationContext context) throws Exception {
        return context.getBean(PdfWarmUp.class).done().get(2, TimeUnit.MINUTES);
    }
}
