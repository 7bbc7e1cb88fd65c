package app.earmark.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import app.earmark.support.EarmarkSpringTest;
import app.earmark.support.SignedIn;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The result sheet's PDF is a UK document: dates dd/mm/yyyy and a 24-hour clock, in UK time. */
@EarmarkSpringTest
class SheetPdfDatesTest {

    @Autowired
    SheetFixtures fixtures;
    @Autowired
    SheetExports exports;
    @Autowired
    SignedIn signedIn;

    @Test
    void theSignatureDateIsDayMonthYearAndItsTimeOnATwentyFourHourClock() throws Exception {
        SheetView signed = fixtures.signedPass("learner", "8587-303");
        var london = signed.signedAt().atZone(ZoneId.of("Europe/London"));
        String text = SheetPdfTest.text(signedIn.as("assessor", () -> exports.sheetPdf(signed.id())).content());

        assertThat(text).contains("Signed by assessor on " + DateTimeFormatter.ofPattern("dd/MM/yyyy 'at' HH:mm")
                .format(london));
        assertThat(text).containsPattern("Date: " + DateTimeFormatter.ofPattern("dd/MM/yyyy").format(london));
        assertThat(text).doesNotContainPattern("\\d{1,2}:\\d{2} ?[AP]M");
    }
}
